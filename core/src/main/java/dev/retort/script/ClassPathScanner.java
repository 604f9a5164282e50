package dev.retort.script;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Lists the resources under a path of a class loader, in directories and inside jars (including
 * Spring Boot's nested jars, whose {@code jar:} URLs open as a {@link JarURLConnection}). Plain
 * JDK: no Spring, no scanning library.
 *
 * <p>A jar is found through its directory entry for the path, which {@code jar}, Maven and
 * Spring Boot write; a jar built without directory entries is not seen.
 */
final class ClassPathScanner {

	private ClassPathScanner() {
	}

	/**
	 * Every resource below {@code path} (recursively) whose name ends with {@code suffix}.
	 * @param classLoader where to look
	 * @param path a resource path without leading or trailing slash ({@code ""} for the root)
	 * @param suffix e.g. {@code .sql}
	 * @param withContent whether to read each resource's bytes
	 * @return the resources, each with its path relative to {@code path}, in class path order
	 * @throws IOException when a root cannot be listed
	 */
	static List<Resource> list(ClassLoader classLoader, String path, String suffix, boolean withContent)
			throws IOException {
		return list(classLoader, path, suffix, withContent, null, null);
	}

	/**
	 * Every resource below {@code path} whose name ends with {@code suffix}, and into {@code noted}
	 * those whose name ends with {@code notedSuffix} (without content): files of another kind that
	 * should not be there, found in the same pass rather than by listing the path again.
	 * @param notedSuffix e.g. {@code .java}; {@code null} for none
	 * @param noted receives the resources with that suffix; {@code null} when none is asked for
	 * @see #list(ClassLoader, String, String, boolean)
	 */
	static List<Resource> list(ClassLoader classLoader, String path, String suffix, boolean withContent,
			String notedSuffix, List<Resource> noted) throws IOException {
		List<Resource> resources = new ArrayList<>();
		Suffixes suffixes = new Suffixes(suffix, notedSuffix, noted);
		for (URL root : Collections.list(classLoader.getResources(path))) {
			switch (root.getProtocol()) {
				case "file" -> listDirectory(root, suffixes, withContent, resources);
				case "jar" -> listJar(root, suffixes, withContent, resources);
				default -> throw new IOException("cannot list '" + root + "': resources served by '"
						+ root.getProtocol() + ":' URLs cannot be listed; use a filesystem location or a jar");
			}
		}
		return resources;
	}

	private static void listDirectory(URL root, Suffixes suffixes, boolean withContent, List<Resource> resources)
			throws IOException {
		Path directory;
		try {
			directory = Path.of(root.toURI());
		}
		catch (URISyntaxException | IllegalArgumentException ex) {
			throw new IOException("cannot read class path directory '" + root + "'", ex);
		}
		if (!Files.isDirectory(directory)) {
			return;
		}
		List<Path> found;
		try (Stream<Path> files = Files.walk(directory)) {
			found = files
				// The name first: a stat for each file of another kind is a system call per file.
				.filter((file) -> suffixes.wanted(file.getFileName().toString()) && Files.isRegularFile(file))
				.toList();
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
		for (Path file : found) {
			String relative = directory.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
			String uri = file.toAbsolutePath().normalize().toString();
			if (suffixes.listed(relative)) {
				byte[] content = withContent ? Files.readAllBytes(file) : null;
				resources.add(new Resource(relative, root.toString(), uri, content));
			}
			else {
				suffixes.noted().add(new Resource(relative, root.toString(), uri, null));
			}
		}
	}

	private static void listJar(URL root, Suffixes suffixes, boolean withContent, List<Resource> resources)
			throws IOException {
		URLConnection connection = root.openConnection();
		if (!(connection instanceof JarURLConnection jarConnection)) {
			throw new IOException("cannot list '" + root + "': it does not open as a jar");
		}
		JarFile jar = jarConnection.getJarFile();
		String prefix = (jarConnection.getEntryName() != null) ? jarConnection.getEntryName() : "";
		if (!prefix.isEmpty() && !prefix.endsWith("/")) {
			prefix = prefix + "/";
		}
		String spec = root.toString();
		String jarRoot = spec.substring(0, spec.lastIndexOf("!/") + 2);
		try {
			Enumeration<JarEntry> entries = jar.entries();
			while (entries.hasMoreElements()) {
				JarEntry entry = entries.nextElement();
				String name = entry.getName();
				if (entry.isDirectory() || !name.startsWith(prefix) || !suffixes.wanted(name)) {
					continue;
				}
				String relative = name.substring(prefix.length());
				if (!suffixes.listed(name)) {
					suffixes.noted().add(new Resource(relative, root.toString(), jarRoot + name, null));
					continue;
				}
				byte[] content = null;
				if (withContent) {
					try (InputStream in = jar.getInputStream(entry)) {
						content = in.readAllBytes();
					}
				}
				resources.add(new Resource(relative, root.toString(), jarRoot + name, content));
			}
		}
		finally {
			// A cached jar is shared with the class loader; only a private one is ours to close.
			if (!jarConnection.getUseCaches()) {
				jar.close();
			}
		}
	}

	/** The suffix listed, and the one noted (or {@code null}) with where it goes. */
	private record Suffixes(String listed, String notedSuffix, List<Resource> noted) {

		boolean wanted(String name) {
			return name.endsWith(this.listed) || (this.notedSuffix != null && name.endsWith(this.notedSuffix));
		}

		boolean listed(String name) {
			return name.endsWith(this.listed);
		}

	}

	/**
	 * One resource found.
	 *
	 * @param relativePath its path below the scanned path, with {@code /} separators
	 * @param root the class path root (directory or jar URL) it was found in
	 * @param uri a unique name for it (the absolute path of a file, the URL of a jar entry), to
	 * see the same file reached twice
	 * @param content its bytes, or {@code null} when not asked for
	 */
	record Resource(String relativePath, String root, String uri, byte[] content) {
	}

}
