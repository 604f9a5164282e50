package dev.retort.sample.data;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The coffee log over JDBC. Its SQL matches the latest revision ({@code beverage_type}).
 */
@Repository
public class CoffeeLogRepository {

	private static final String COLUMNS = "id, user_id, beverage_type, cups, logged_at";

	private final JdbcClient jdbc;

	public CoffeeLogRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<CoffeeLog> findAll() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM coffee_logs ORDER BY id").query(CoffeeLog.class).list();
	}

	public List<CoffeeLog> findByUser(int userId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM coffee_logs WHERE user_id = :userId ORDER BY id")
			.param("userId", userId)
			.query(CoffeeLog.class)
			.list();
	}

	public CoffeeLog create(Integer userId, String beverageType, int cups) {
		return this.jdbc
			.sql("INSERT INTO coffee_logs (user_id, beverage_type, cups) VALUES (:userId, :beverageType, :cups) "
					+ "RETURNING " + COLUMNS)
			.param("userId", userId)
			.param("beverageType", beverageType)
			.param("cups", cups)
			.query(CoffeeLog.class)
			.single();
	}

}
