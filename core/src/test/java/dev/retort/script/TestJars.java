package dev.retort.script;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import dev.retort.operation.Operations;

/** Compiles Java sources and packs them, with resources, into a jar at test time. */
final class TestJars {

	private TestJars() {
	}

	/** Compiles every {@code .java} file below {@code sourceRoot} against Retort's core classes into {@code classes}. */
	static void compile(Path sourceRoot, Path classes) throws IOException {
		compile(sourceRoot, classes, List.of());
	}

	/** Compiles with further javac options, such as {@code -Xdoclint}. */
	static void compile(Path sourceRoot, Path classes, List<String> options) throws IOException {
		List<String> files;
		try (Stream<Path> walk = Files.walk(sourceRoot)) {
			files = walk.filter((path) -> path.toString().endsWith(".java")).map(Path::toString).toList();
		}
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-classpath", coreClasses(), "-proc:none"));
		arguments.addAll(options);
		arguments.addAll(files);
		ByteArrayOutputStream errors = new ByteArrayOutputStream();
		int result = compiler.run(null, errors, errors, arguments.toArray(String[]::new));
		if (result != 0) {
			throw new IllegalStateException("javac failed: " + errors.toString(StandardCharsets.UTF_8));
		}
	}

	/** Writes {@code sources} under {@code sourceRoot}. */
	static void write(Path sourceRoot, Map<String, String> sources) throws IOException {
		for (Map.Entry<String, String> source : sources.entrySet()) {
			Path file = sourceRoot.resolve(source.getKey());
			Files.createDirectories(file.getParent());
			Files.writeString(file, source.getValue());
		}
	}

	/** Packs a directory into a jar with directory entries, as {@code jar} and Maven write it. */
	static Path jar(Path contents, Path jar) throws IOException {
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> walk = Files.walk(contents)) {
			for (Path path : walk.sorted().toList()) {
				if (path.equals(contents)) {
					continue;
				}
				String name = contents.relativize(path).toString().replace(File.separatorChar, '/');
				if (Files.isDirectory(path)) {
					out.putNextEntry(new JarEntry(name + "/"));
				}
				else {
					out.putNextEntry(new JarEntry(name));
					out.write(Files.readAllBytes(path));
				}
				out.closeEntry();
			}
		}
		return jar;
	}

	private static String coreClasses() {
		Set<String> entries = new LinkedHashSet<>();
		for (Class<?> type : List.of(Operations.class, Migration.class)) {
			try {
				entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
			}
			catch (URISyntaxException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return String.join(File.pathSeparator, entries);
	}

}
