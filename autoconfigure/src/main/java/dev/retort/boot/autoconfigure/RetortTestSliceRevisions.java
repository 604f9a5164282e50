package dev.retort.boot.autoconfigure;

import java.io.IOException;

import dev.retort.script.Migration;
import dev.retort.script.Revision;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.context.annotation.ClassPathBeanDefinitionScanner;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.core.type.filter.TypeFilter;
import org.springframework.stereotype.Component;

/**
 * The application's {@code @Component} Java revisions in a test slice ({@code @JdbcTest},
 * {@code @DataJpaTest}, {@code @DataJdbcTest}, {@code @JooqTest}). A slice scans none of the
 * application's components, so without them it would migrate another graph than the application:
 * a revision file that revises one fails as revising a revision that "does not exist", and one that
 * nothing revises (the newest) is silently left out, so the tests meet an older schema. Revision
 * files are never left out of a slice; these are revisions as much as they are.
 *
 * <p>Listed for {@code AutoConfigureDataSourceInitialization} only, so only slices import it: an
 * application's own scan finds these beans. Classes already in the context (a slice's
 * {@code includeFilters}) are left as they are.
 */
@AutoConfiguration(before = RetortAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "retort.enabled", matchIfMissing = true)
@Import(RetortTestSliceRevisions.Registrar.class)
public final class RetortTestSliceRevisions {

	/** Scans the application's packages (those of its {@code @SpringBootApplication}) for them. */
	static final class Registrar
			implements ImportBeanDefinitionRegistrar, BeanFactoryAware, EnvironmentAware, ResourceLoaderAware {

		private BeanFactory beanFactory;

		private Environment environment;

		private ResourceLoader resourceLoader;

		@Override
		public void setBeanFactory(BeanFactory beanFactory) {
			this.beanFactory = beanFactory;
		}

		@Override
		public void setEnvironment(Environment environment) {
			this.environment = environment;
		}

		@Override
		public void setResourceLoader(ResourceLoader resourceLoader) {
			this.resourceLoader = resourceLoader;
		}

		@Override
		public void registerBeanDefinitions(AnnotationMetadata importingClassMetadata, BeanDefinitionRegistry registry) {
			// A slice configuration without @EnableAutoConfiguration (or @SpringBootApplication) names no packages.
			if (!AutoConfigurationPackages.has(this.beanFactory)) {
				return;
			}
			ClassPathBeanDefinitionScanner scanner = new ClassPathBeanDefinitionScanner(registry, false,
					this.environment, this.resourceLoader);
			scanner.setIncludeAnnotationConfig(false);
			scanner.addIncludeFilter(new ComponentRevisionFilter());
			scanner.scan(AutoConfigurationPackages.get(this.beanFactory).toArray(String[]::new));
		}

	}

	/** A {@code @Component} (or stereotype) class annotated {@code @Revision} that implements {@code Migration}. */
	static final class ComponentRevisionFilter implements TypeFilter {

		private final TypeFilter migration = new AssignableTypeFilter(Migration.class);

		@Override
		public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
			AnnotationMetadata metadata = reader.getAnnotationMetadata();
			return metadata.hasAnnotation(Revision.class.getName()) && metadata.isAnnotated(Component.class.getName())
					&& this.migration.match(reader, factory);
		}

	}

}
