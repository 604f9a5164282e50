package dev.retort.sample.data;

import java.time.OffsetDateTime;

/**
 * One entry of the coffee log.
 *
 * @param id the id
 * @param userId who drank it
 * @param beverageType what it was ("espresso", "flat white"…)
 * @param cups how many cups
 * @param loggedAt when
 */
public record CoffeeLog(Long id, Integer userId, String beverageType, int cups, OffsetDateTime loggedAt) {
}
