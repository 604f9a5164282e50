package dev.retort.boot.slice;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application whose newest revision is a {@code @Component} Java revision ({@link AddOrigin}):
 * the only {@code @SpringBootConfiguration} of its package, so the slices of this package find it.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class SliceApplication {

}
