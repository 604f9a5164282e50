package dev.retort.script;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a {@link Migration} class as a revision of the graph, with the same headers as a SQL
 * revision file (SPEC §2.2).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Revision {

	/** The revision id. */
	String id();

	/** The revisions this one revises; empty for a base, several for a merge. */
	String[] revises() default {};

	/** The one-line message. */
	String message() default "";

	/** Branch labels declared on this revision. */
	String[] branchLabels() default {};

	/** Revisions or branch labels this revision depends on. */
	String[] dependsOn() default {};

	/** Whether the revision runs inside a transaction. */
	boolean transactional() default true;

}
