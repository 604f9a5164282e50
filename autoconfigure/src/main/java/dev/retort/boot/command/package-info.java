/**
 * In-app commands: {@code java -jar app.jar retort <command> [options]}.
 */
package dev.retort.boot.command;
