package dev.retort.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The coffee tracker: users log the coffee they drink. Retort brings its database to the
 * latest revision before the first request; {@code java -jar app.jar retort <command>} runs any
 * Retort command against the same database instead of starting the web server.
 */
@SpringBootApplication
public class CoffeeTrackerApplication {

	public static void main(String[] args) {
		SpringApplication.run(CoffeeTrackerApplication.class, args);
	}

}
