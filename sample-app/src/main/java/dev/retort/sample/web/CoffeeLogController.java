package dev.retort.sample.web;

import java.util.List;

import dev.retort.sample.data.CoffeeLog;
import dev.retort.sample.data.CoffeeLogRepository;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/coffee-logs}.
 */
@RestController
@RequestMapping("/api/coffee-logs")
public class CoffeeLogController {

	private final CoffeeLogRepository logs;

	public CoffeeLogController(CoffeeLogRepository logs) {
		this.logs = logs;
	}

	@GetMapping
	public List<CoffeeLog> list(@RequestParam(required = false) Integer userId) {
		return (userId != null) ? this.logs.findByUser(userId) : this.logs.findAll();
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	public CoffeeLog create(@RequestBody NewCoffeeLog log) {
		return this.logs.create(log.userId(), log.beverageType(), (log.cups() != null) ? log.cups() : 1);
	}

	/**
	 * The body of {@code POST /api/coffee-logs}.
	 *
	 * @param userId who drank it
	 * @param beverageType what it was
	 * @param cups how many cups (1 when absent)
	 */
	public record NewCoffeeLog(Integer userId, String beverageType, Integer cups) {
	}

}
