/**
 * Docker Compose service connection support for Retort.
 */
package dev.retort.boot.docker.compose;
