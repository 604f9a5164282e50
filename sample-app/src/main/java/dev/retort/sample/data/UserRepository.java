package dev.retort.sample.data;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Users over JDBC.
 */
@Repository
public class UserRepository {

	private final JdbcClient jdbc;

	public UserRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<User> findAll() {
		return this.jdbc.sql("SELECT id, name, email FROM users ORDER BY id").query(User.class).list();
	}

	public User create(String name, String email) {
		return this.jdbc.sql("INSERT INTO users (name, email) VALUES (:name, :email) RETURNING id, name, email")
			.param("name", name)
			.param("email", email)
			.query(User.class)
			.single();
	}

}
