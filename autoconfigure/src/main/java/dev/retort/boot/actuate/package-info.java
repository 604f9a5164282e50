/**
 * Actuator support for Retort: the {@code migrations} endpoint, health indicator and metrics.
 */
package dev.retort.boot.actuate;
