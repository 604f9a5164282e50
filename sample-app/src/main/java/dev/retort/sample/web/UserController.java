package dev.retort.sample.web;

import java.util.List;

import dev.retort.sample.data.User;
import dev.retort.sample.data.UserRepository;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/users}.
 */
@RestController
@RequestMapping("/api/users")
public class UserController {

	private final UserRepository users;

	public UserController(UserRepository users) {
		this.users = users;
	}

	@GetMapping
	public List<User> list() {
		return this.users.findAll();
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	public User create(@RequestBody NewUser user) {
		return this.users.create(user.name(), user.email());
	}

	/**
	 * The body of {@code POST /api/users}.
	 *
	 * @param name the name
	 * @param email the e-mail address
	 */
	public record NewUser(String name, String email) {
	}

}
