package dev.retort.script;

import java.util.List;

import dev.retort.dialect.postgres.SqlStatement;
import dev.retort.dialect.postgres.StatementSplitter;

/** Renders the source of a Java revision skeleton, with the API of SPEC §2.2. */
final class JavaRevisionRenderer {

	private JavaRevisionRenderer() {
	}

	static String render(String className, NewRevisionFile revision, String createDate) {
		int dot = className.lastIndexOf('.');
		String packageName = className.substring(0, dot);
		String simpleName = className.substring(dot + 1);
		StringBuilder out = new StringBuilder();
		out.append("package ").append(packageName).append(";\n\n");
		out.append("import dev.retort.operation.Operations;\n");
		out.append("import dev.retort.script.Migration;\n");
		out.append("import dev.retort.script.Revision;\n\n");
		out.append("/**\n * ").append(javadoc(revision.message().isEmpty() ? simpleName : revision.message())).append('\n');
		out.append(" *\n * <p>Create Date: ").append(createDate).append("\n */\n");
		out.append("@Revision(id = ").append(literal(revision.id()));
		if (!revision.revises().isEmpty()) {
			out.append(", revises = ").append(array(revision.revises()));
		}
		out.append(", message = ").append(literal(revision.message()));
		if (!revision.branchLabels().isEmpty()) {
			out.append(", branchLabels = ").append(array(revision.branchLabels()));
		}
		if (!revision.dependsOn().isEmpty()) {
			out.append(", dependsOn = ").append(array(revision.dependsOn()));
		}
		if (!revision.transactional()) {
			out.append(", transactional = false");
		}
		out.append(")\n");
		out.append("public final class ").append(simpleName).append(" implements Migration {\n\n");
		method(out, "upgrade", revision.upgrade());
		out.append('\n');
		method(out, "downgrade", revision.downgrade());
		out.append("\n}\n");
		return out.toString();
	}

	private static void method(StringBuilder out, String name, String sql) {
		out.append("\t@Override\n\tpublic void ").append(name).append("(Operations op) {\n");
		List<SqlStatement> statements = StatementSplitter.split(sql, 1);
		for (SqlStatement statement : statements) {
			out.append("\t\top.execute(").append(literal(statement.sql())).append(");\n");
		}
		out.append("\t}\n");
	}

	private static String array(List<String> values) {
		if (values.size() == 1) {
			return literal(values.get(0));
		}
		return "{ " + String.join(", ", values.stream().map(JavaRevisionRenderer::literal).toList()) + " }";
	}

	static String literal(String value) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : value.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> out.append(c);
			}
		}
		return out.append('"').toString();
	}

	/**
	 * The message as Javadoc text. javac reads a backslash followed by {@code u} as a Unicode
	 * escape even inside a comment (a message naming a Windows path would not compile), a star
	 * followed by a slash would end the comment, and {@code <}, {@code &} and a leading {@code @}
	 * are HTML or a block tag to the javadoc tool, whose doclint fails a build on them.
	 */
	private static String javadoc(String text) {
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '\\' -> out.append("&#92;");
				case '&' -> out.append("&amp;");
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '@' -> out.append("&#64;");
				case '/' -> out.append((i > 0 && text.charAt(i - 1) == '*') ? "&#47;" : "/");
				default -> out.append(c);
			}
		}
		return out.toString();
	}

}
