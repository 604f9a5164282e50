/**
 * Testcontainers {@code @ServiceConnection} support for Retort.
 */
package dev.retort.boot.testcontainers;
