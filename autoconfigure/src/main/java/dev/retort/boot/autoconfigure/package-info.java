/**
 * Auto-configuration for Retort: properties, the startup initializer, connection choice, hooks
 * and failure analysis.
 */
package dev.retort.boot.autoconfigure;
