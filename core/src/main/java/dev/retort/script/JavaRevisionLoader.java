package dev.retort.script;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.retort.operation.Operations;
import dev.retort.revision.Revision.Kind;
import dev.retort.revision.Revision.Origin;

/**
 * Finds Java revisions: classes annotated {@link Revision @Revision} in the given packages
 * (subpackages included; directories and jars alike) and {@link Migration} objects handed over
 * by an application (Spring beans). Each becomes the same graph node as a SQL revision, with
 * kind {@code JAVA}, no checksum, and the class name as its origin.
 */
final class JavaRevisionLoader {

	/**
	 * What the problems of a class that loads only on an application's class path say (a
	 * Migration bean taking constructor arguments, or using classes the command line lacks),
	 * as opposed to a class that is wrong wherever it runs.
	 */
	static final List<String> NEEDS_THE_APPLICATION = List.of(": cannot load the class from Java package '",
			": a @Revision class needs a no-argument constructor to be created from its package.",
			", which is not on the class path (");

	private JavaRevisionLoader() {
	}

	/**
	 * Loads the Java revisions, sorted by class name. An object given for a class also found in
	 * a package wins: it is the application's configured instance.
	 * @param problems receives misuses of {@code @Revision}, each naming the class
	 */
	static List<RevisionScript> load(List<String> packages, List<Migration> migrations, ClassLoader classLoader,
			List<String> problems) {
		Map<Class<?>, Migration> found = new LinkedHashMap<>();
		// A class given as an object is not created from its package: a Spring bean with
		// constructor arguments may live in a scanned package.
		Set<Class<?>> given = new HashSet<>();
		for (Migration migration : migrations) {
			given.add(annotatedClass(migration.getClass()));
		}
		for (String packageName : packages) {
			for (Class<?> type : scan(packageName, classLoader, problems)) {
				if (given.contains(type)) {
					continue;
				}
				Migration migration = instantiate(type, problems);
				if (migration != null) {
					found.put(type, migration);
				}
			}
		}
		for (Migration migration : migrations) {
			Class<?> annotated = annotatedClass(migration.getClass());
			if (annotated == null) {
				problems.add(migration.getClass().getName() + ": a Migration object without @Revision. Annotate its "
						+ "class with @Revision(id = \"…\", revises = \"…\") so it has a place in the graph.");
				continue;
			}
			found.put(annotated, migration);
		}
		List<RevisionScript> scripts = new ArrayList<>();
		found.entrySet()
			.stream()
			.sorted(Comparator.comparing((Map.Entry<Class<?>, Migration> entry) -> entry.getKey().getName()))
			.forEach((entry) -> scripts.add(script(entry.getKey(), entry.getValue(), problems)));
		return scripts;
	}

	/** The concrete classes of a package that are annotated or that implement Migration. */
	private static List<Class<?>> scan(String packageName, ClassLoader classLoader, List<String> problems) {
		String trimmed = packageName.trim();
		if (!PackageName.PATTERN.matcher(trimmed).matches()) {
			throw new ScriptLocationException(packageName, "Java package '" + packageName
					+ "' is not a package name. Use a dotted name such as 'com.example.db.revisions'.");
		}
		List<ClassPathScanner.Resource> resources;
		try {
			resources = ClassPathScanner.list(classLoader, trimmed.replace('.', '/'), ".class", false);
		}
		catch (IOException ex) {
			throw new ScriptLocationException(packageName,
					"Cannot scan Java package '" + packageName + "': " + ex.getMessage(), ex);
		}
		List<Class<?>> types = new ArrayList<>();
		for (ClassPathScanner.Resource resource : resources) {
			String relative = resource.relativePath();
			String simple = relative.substring(relative.lastIndexOf('/') + 1);
			if (simple.equals("module-info.class") || simple.equals("package-info.class")) {
				continue;
			}
			String className = trimmed + "." + relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
			Class<?> type;
			try {
				type = Class.forName(className, false, classLoader);
			}
			catch (ClassNotFoundException | LinkageError ex) {
				problems.add(className + NEEDS_THE_APPLICATION.get(0) + trimmed + "' (" + ex
						+ "). Fix its dependencies or move it out of the package.");
				continue;
			}
			if (type.isAnonymousClass() || type.isLocalClass() || type.isSynthetic()) {
				continue;
			}
			boolean annotated = type.isAnnotationPresent(Revision.class);
			boolean concrete = !type.isInterface() && !Modifier.isAbstract(type.getModifiers());
			if (annotated || (concrete && Migration.class.isAssignableFrom(type))) {
				types.add(type);
			}
		}
		return types;
	}

	private static Migration instantiate(Class<?> type, List<String> problems) {
		if (!type.isAnnotationPresent(Revision.class)) {
			problems.add(type.getName() + ": implements Migration but has no @Revision annotation, so it has no id "
					+ "or parents. Annotate it with @Revision(id = \"…\", revises = \"…\").");
			return null;
		}
		if (!Migration.class.isAssignableFrom(type)) {
			problems.add(type.getName() + ": annotated with @Revision but does not implement " + Migration.class.getName()
					+ ". Implement Migration (upgrade(Operations), and downgrade(Operations) if reversible).");
			return null;
		}
		if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
			problems.add(type.getName() + ": annotated with @Revision but abstract. Annotate the concrete class.");
			return null;
		}
		if (type.isMemberClass() && !Modifier.isStatic(type.getModifiers())) {
			problems.add(type.getName() + ": an inner class needs an enclosing instance. Make it a static nested "
					+ "or a top-level class.");
			return null;
		}
		Constructor<?> constructor;
		try {
			constructor = type.getDeclaredConstructor();
		}
		catch (NoSuchMethodException ex) {
			problems.add(type.getName() + NEEDS_THE_APPLICATION.get(1)
					+ " Add one, or hand the object over as a Migration bean.");
			return null;
		}
		try {
			constructor.setAccessible(true);
			return (Migration) constructor.newInstance();
		}
		catch (InvocationTargetException ex) {
			problems.add(type.getName() + ((ex.getCause() instanceof LinkageError linkage)
					? ": cannot be created: " + whyUnloadable(linkage) : constructorThrew(type, ex.getCause())));
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			problems.add(type.getName() + ": cannot be created: " + ex);
		}
		catch (LinkageError ex) {
			// Creating it initialises the class: a static initializer that throws, or a class it uses
			// that is missing from this class path, must name the revision rather than escape as an Error.
			problems.add(type.getName() + ": cannot be created: " + whyUnloadable(ex));
		}
		return null;
	}

	/**
	 * Why creating the class failed, at its line: a constructor that reads what only the running
	 * application has (a property, an environment variable) fails wherever else the graph is read.
	 */
	private static String constructorThrew(Class<?> type, Throwable thrown) {
		String at = type.getName();
		for (StackTraceElement frame : thrown.getStackTrace()) {
			String className = frame.getClassName();
			if ((className.equals(type.getName()) || className.startsWith(type.getName() + "$"))
					&& frame.getLineNumber() > 0) {
				at = type.getName() + ":" + frame.getLineNumber();
				break;
			}
		}
		return ": its constructor threw " + thrown + " (" + at + "). Every command that reads the revisions creates"
				+ " the class (show, lint and history too, and the command line, which runs without the application's"
				+ " configuration): keep the constructor from failing, and do the work in upgrade(Operations); a"
				+ " revision that needs the application's beans or configuration is a Migration bean.";
	}

	private static String whyUnloadable(LinkageError error) {
		Throwable initializer = (error instanceof ExceptionInInitializerError) ? error
				: (error.getCause() instanceof ExceptionInInitializerError earlier) ? earlier : null;
		if (initializer != null) {
			Throwable thrown = (initializer.getCause() != null) ? initializer.getCause() : initializer;
			String what = (thrown == initializer && thrown.getMessage() != null) ? thrown.getMessage() : thrown.toString();
			return "its static initialization threw " + what + ". Fix the class, or move it out of the package.";
		}
		if (error instanceof NoClassDefFoundError missing && missing.getMessage() != null
				&& !missing.getMessage().startsWith("Could not initialize")) {
			return "it uses " + missing.getMessage().replace('/', '.') + NEEDS_THE_APPLICATION.get(2)
					+ error + "). Put what it uses on the class path (the command line reads it from --classpath),"
					+ " or move the class out of the package.";
		}
		return error + ". Fix the class, or move it out of the package.";
	}

	/** The class carrying {@code @Revision}: the object's own, or a superclass under a proxy. */
	private static Class<?> annotatedClass(Class<?> type) {
		for (Class<?> candidate = type; candidate != null; candidate = candidate.getSuperclass()) {
			if (candidate.isAnnotationPresent(Revision.class)) {
				return candidate;
			}
		}
		return null;
	}

	private static RevisionScript script(Class<?> type, Migration migration, List<String> problems) {
		Revision annotation = type.getAnnotation(Revision.class);
		String className = type.getName();
		String id = annotation.id().trim();
		String idProblem = RevisionIds.problem(id);
		if (idProblem != null) {
			problems.add(className + ": " + idProblem);
		}
		dev.retort.revision.Revision revision = new dev.retort.revision.Revision(id,
				values(className, "revises", "revision", annotation.revises(), problems),
				values(className, "dependsOn", "revision or label", annotation.dependsOn(), problems),
				values(className, "branchLabels", "label", annotation.branchLabels(), problems), annotation.message(), null,
				Origin.of(className), Kind.JAVA, annotation.transactional(), reversible(type, migration), null);
		return new RevisionScript(revision, new RevisionScript.JavaBody(migration));
	}

	/**
	 * Whether the revision has a downgrade. A proxy subclass (a Spring bean) overrides every
	 * method, so the annotated class decides whether {@code downgrade} was written.
	 */
	private static boolean reversible(Class<?> annotated, Migration migration) {
		if (migration.getClass() == annotated) {
			return migration.reversible();
		}
		try {
			return migration.reversible() && annotated.getMethod("downgrade", Operations.class)
				.getDeclaringClass() != Migration.class;
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
	}

	/**
	 * The non-blank values of an attribute. {@code revises = ""} alone reads as no parent, like an
	 * empty {@code Revises:}; a blank among several values is a typo that would lose a parent
	 * (as an empty entry of a SQL header is), so it is a problem.
	 */
	private static List<String> values(String className, String attribute, String entry, String[] values,
			List<String> problems) {
		List<String> result = new ArrayList<>();
		boolean blank = false;
		for (String value : values) {
			if (value != null && !value.isBlank()) {
				result.add(value.trim());
			}
			else {
				blank = true;
			}
		}
		if (blank && values.length > 1) {
			problems.add(className + ": @Revision(" + attribute + " = {\"" + String.join("\", \"", values)
					+ "\"}) has a blank entry. Write the " + entry + " that is missing, or remove the entry.");
		}
		return result;
	}

	/** Compiled on the first package scanned, not on every start that reads only SQL files. */
	private static final class PackageName {

		static final Pattern PATTERN = Pattern.compile(
				"\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

	}

}
