package dev.retort.sample.data;

/**
 * A coffee drinker.
 *
 * @param id the id
 * @param name the name
 * @param email the e-mail address
 */
public record User(Integer id, String name, String email) {
}
