package dev.retort.boot.actuate;

import java.util.Map;

import dev.retort.Retort;
import io.micrometer.core.instrument.Tags;

/**
 * The tags that tell apart the gauges of several {@code Retort} beans (an application that migrates
 * two databases): {@code name}, the bean's name, as Spring Boot tags each {@code DataSource}'s
 * {@code jdbc.connections.*} and as the {@code migrations} health contributor names each bean's
 * component. None for a lone bean, whose gauges read as they always did: the beans are known at
 * startup, so every gauge of one name has the same tag keys whatever the application does later.
 */
final class BeanTags {

	private BeanTags() {
	}

	/**
	 * The tags of one bean's gauges.
	 * @param beans every bean whose gauges are bound, by name
	 * @param bean the name of this one
	 */
	static Tags of(Map<String, Retort> beans, String bean) {
		return (beans.size() > 1) ? Tags.of("name", bean) : Tags.empty();
	}

}
