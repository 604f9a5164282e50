package dev.retort.script;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Whether a class file declares a runtime-visible annotation on its class, read from its bytes
 * (nothing is loaded) and only as far as needed. The constant pool comes first in a class file,
 * and a class that carries the annotation holds its descriptor ({@code Ldev/retort/script/Revision;})
 * there as a {@code CONSTANT_Utf8} entry: a class without it, nearly every class of a project,
 * is read no further. Only a class that names the type is read to its class attributes, to tell
 * the annotation from a field, a local variable or a parameter of that type, which name it too.
 *
 * <p>One instance reads one file at a time, through a buffer it keeps: a project's thousands of
 * class files cost one read each, and no buffer of their own.
 */
final class ClassFileAnnotation {

	private static final int MAGIC = 0xCAFEBABE;

	private static final byte[] RUNTIME_VISIBLE_ANNOTATIONS = "RuntimeVisibleAnnotations"
		.getBytes(StandardCharsets.UTF_8);

	/** Most class files fit, so one read takes the constant pool. */
	private static final int BUFFER = 8192;

	private final byte[] descriptor;

	private final byte[] buffer = new byte[BUFFER];

	private InputStream in;

	private int position;

	private int limit;

	ClassFileAnnotation(Class<? extends Annotation> annotation) {
		this.descriptor = ("L" + annotation.getName().replace('.', '/') + ";").getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Whether the class of {@code classFile} is annotated; {@code false} for a file that cannot be
	 * read or is no class file.
	 */
	boolean isOn(Path classFile) {
		try (InputStream stream = Files.newInputStream(classFile)) {
			this.in = stream;
			this.position = 0;
			this.limit = 0;
			return isOnClass();
		}
		catch (UnknownConstant ex) {
			// A class file of a later Java, with a constant this reader cannot step over: the
			// descriptor is looked for among all its bytes, as anywhere in the pool it would be.
			return containsDescriptor(classFile);
		}
		catch (IOException ex) {
			return false;
		}
		finally {
			this.in = null;
		}
	}

	private boolean isOnClass() throws IOException {
		if (u4() != MAGIC) {
			return false;
		}
		skip(4); // minor_version, major_version
		int count = u2();
		int annotationType = 0;
		int annotationsAttribute = 0;
		for (int index = 1; index < count; index++) {
			int tag = u1();
			switch (tag) {
				case 1 -> { // Utf8
					int length = u2();
					if (annotationType == 0 && length == this.descriptor.length) {
						annotationType = next(this.descriptor) ? index : 0;
					}
					else if (annotationsAttribute == 0 && length == RUNTIME_VISIBLE_ANNOTATIONS.length) {
						annotationsAttribute = next(RUNTIME_VISIBLE_ANNOTATIONS) ? index : 0;
					}
					else {
						skip(length);
					}
				}
				case 7, 8, 16, 19, 20 -> skip(2); // Class, String, MethodType, Module, Package
				case 15 -> skip(3); // MethodHandle
				case 3, 4, 9, 10, 11, 12, 17, 18 -> skip(4); // Integer, Float, refs, NameAndType, (Invoke)Dynamic
				case 5, 6 -> { // Long, Double: two entries
					skip(8);
					index++;
				}
				default -> throw new UnknownConstant();
			}
		}
		if (annotationType == 0 || annotationsAttribute == 0) {
			return false;
		}
		skip(6); // access_flags, this_class, super_class
		skip(2L * u2()); // interfaces
		skipMembers(); // fields
		skipMembers(); // methods
		int attributes = u2();
		for (int i = 0; i < attributes; i++) {
			int name = u2();
			long length = u4() & 0xFFFFFFFFL;
			if (name != annotationsAttribute) {
				skip(length);
				continue;
			}
			int annotations = u2();
			for (int a = 0; a < annotations; a++) {
				if (skipAnnotation() == annotationType) {
					return true;
				}
			}
			return false;
		}
		return false;
	}

	private void skipMembers() throws IOException {
		int members = u2();
		for (int i = 0; i < members; i++) {
			skip(6); // access_flags, name_index, descriptor_index
			int attributes = u2();
			for (int a = 0; a < attributes; a++) {
				skip(2);
				skip(u4() & 0xFFFFFFFFL);
			}
		}
	}

	/** Steps over an annotation; returns its type's constant pool index. */
	private int skipAnnotation() throws IOException {
		int type = u2();
		int pairs = u2();
		for (int i = 0; i < pairs; i++) {
			skip(2); // element_name_index
			skipElementValue();
		}
		return type;
	}

	private void skipElementValue() throws IOException {
		int tag = u1();
		switch (tag) {
			case 'B', 'C', 'D', 'F', 'I', 'J', 'S', 'Z', 's', 'c' -> skip(2);
			case 'e' -> skip(4);
			case '@' -> skipAnnotation();
			case '[' -> {
				int values = u2();
				for (int i = 0; i < values; i++) {
					skipElementValue();
				}
			}
			default -> throw new IOException("not a class file: element value tag " + tag);
		}
	}

	/** Whether the next bytes are {@code wanted}; consumes as many bytes either way. */
	private boolean next(byte[] wanted) throws IOException {
		require(wanted.length);
		boolean equal = Arrays.equals(this.buffer, this.position, this.position + wanted.length, wanted, 0,
				wanted.length);
		this.position += wanted.length;
		return equal;
	}

	private int u1() throws IOException {
		require(1);
		return this.buffer[this.position++] & 0xFF;
	}

	private int u2() throws IOException {
		require(2);
		int value = ((this.buffer[this.position] & 0xFF) << 8) | (this.buffer[this.position + 1] & 0xFF);
		this.position += 2;
		return value;
	}

	private int u4() throws IOException {
		return (u2() << 16) | u2();
	}

	private void skip(long count) throws IOException {
		long buffered = this.limit - this.position;
		if (count <= buffered) {
			this.position += (int) count;
			return;
		}
		this.position = 0;
		this.limit = 0;
		this.in.skipNBytes(count - buffered);
	}

	/** Makes {@code count} bytes (at most the buffer's size) readable from {@link #position}. */
	private void require(int count) throws IOException {
		if (this.limit - this.position >= count) {
			return;
		}
		System.arraycopy(this.buffer, this.position, this.buffer, 0, this.limit - this.position);
		this.limit -= this.position;
		this.position = 0;
		while (this.limit < count) {
			int read = this.in.read(this.buffer, this.limit, this.buffer.length - this.limit);
			if (read < 0) {
				throw new EOFException();
			}
			this.limit += read;
		}
	}

	private boolean containsDescriptor(Path classFile) {
		try {
			byte[] bytes = Files.readAllBytes(classFile);
			outer: for (int i = 0; i <= bytes.length - this.descriptor.length; i++) {
				for (int j = 0; j < this.descriptor.length; j++) {
					if (bytes[i + j] != this.descriptor[j]) {
						continue outer;
					}
				}
				return true;
			}
			return false;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** A constant pool tag this reader does not know: the pool cannot be stepped through. */
	private static final class UnknownConstant extends IOException {

		UnknownConstant() {
			super("unknown constant pool tag");
		}

	}

}
