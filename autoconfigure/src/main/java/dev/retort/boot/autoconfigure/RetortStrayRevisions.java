package dev.retort.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.retort.Retort;
import dev.retort.revision.Revision.Kind;
import dev.retort.script.Revision;
import dev.retort.script.StrayRevisions;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * The application's {@code @Revision} classes that are neither in {@code retort.java-packages} nor
 * {@code Migration} beans, a package of {@code retort.java-packages} that gave no revision, and
 * Java source among its revision files: Retort never reads them, and
 * when nothing revises such a revision (the newest one) no error names it, so the application would
 * start on a schema without it. Found in the application's own packages (those of its
 * {@code @SpringBootApplication}), as its components are.
 */
final class RetortStrayRevisions {

	/** Spring Boot's {@code SharedMetadataReaderFactoryContextInitializer.BEAN_NAME} (a class not public). */
	private static final String SHARED_METADATA_READER_FACTORY = "org.springframework.boot.autoconfigure.internalCachingMetadataReaderFactory";

	private RetortStrayRevisions() {
	}

	/**
	 * What to warn about, or {@code null}.
	 * @param retort the facade, whose graph holds the revisions that are read
	 */
	static String hint(Retort retort, BeanFactory beanFactory, Environment environment, ResourceLoader resourceLoader) {
		Set<String> read = new TreeSet<>();
		retort.graph().revisions().stream()
			.filter((revision) -> revision.kind() == Kind.JAVA)
			.forEach((revision) -> read.add(revision.origin().source()));
		List<String> stray = new ArrayList<>();
		if (AutoConfigurationPackages.has(beanFactory)) {
			ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false,
					environment);
			scanner.setResourceLoader(resourceLoader);
			if (beanFactory.containsBean(SHARED_METADATA_READER_FACTORY)) {
				// The class metadata Spring read for the component scan, still cached while the
				// context starts: this scan then lists the classes and reads none again.
				scanner.setMetadataReaderFactory(
						beanFactory.getBean(SHARED_METADATA_READER_FACTORY, MetadataReaderFactory.class));
			}
			scanner.addIncludeFilter(new AnnotationTypeFilter(Revision.class, false));
			Set<String> found = new TreeSet<>();
			for (String base : AutoConfigurationPackages.get(beanFactory)) {
				for (BeanDefinition candidate : scanner.findCandidateComponents(base)) {
					found.add(candidate.getBeanClassName());
				}
			}
			found.stream().filter((name) -> !read.contains(name)).forEach(stray::add);
		}
		List<dev.retort.revision.Revision> revisions = retort.graph().revisions();
		// With no revision at all, the initializer's own warning names the packages.
		List<String> emptyPackages = revisions.isEmpty() ? List.of()
				: StrayRevisions.emptyPackages(retort.config().javaPackages(), revisions);
		return StrayRevisions.hint(stray, retort.scripts().javaSourcesInLocations(),
				retort.config().javaPackages(), emptyPackages, false);
	}

}
