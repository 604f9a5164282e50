package dev.retort.revision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import dev.retort.testing.TestDatabase;
import dev.retort.testing.TestPostgres;

/**
 * Retort's SHA-256 is the standard one: checksums recorded by any version of Retort, and the
 * lock key every instance of an application must agree on, cannot depend on which class
 * computed them.
 */
class Sha256Tests {

	@Test
	void matchesThePublishedTestVectors() {
		assertThat(Sha256.hex(ascii(""))).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
		assertThat(Sha256.hex(ascii("abc")))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
		assertThat(Sha256.hex(ascii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")))
			.isEqualTo("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
		assertThat(Sha256.hex(ascii("a".repeat(1_000_000))))
			.isEqualTo("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	}

	@Test
	void matchesTheJdkAtEveryPaddingBoundary() throws NoSuchAlgorithmException {
		// 55 bytes is the longest input whose length fits in its last block; 56 to 63 need a second.
		for (int length = 0; length <= 200; length++) {
			byte[] input = new byte[length];
			for (int i = 0; i < length; i++) {
				input[i] = (byte) (i * 31 + length);
			}
			assertThat(Sha256.digest(input)).as("length %d", length).isEqualTo(jdk(input));
		}
	}

	@Property(tries = 300)
	void matchesTheJdkOnAnyInput(@ForAll @Size(max = 5000) byte[] input) throws NoSuchAlgorithmException {
		assertThat(Sha256.digest(input)).isEqualTo(jdk(input));
	}

	@Test
	void anOperatorCanRecomputeAChecksumInPostgresql() {
		TestDatabase db = TestPostgres.freshDatabase();
		try {
			for (String section : List.of("", "SELECT 1;", "CREATE TABLE café (naïve text);\nINSERT INTO café VALUES ('☕');",
					"x".repeat(1000))) {
				assertThat(db.queryStrings("SELECT encode(sha256(convert_to(?, 'UTF8')), 'hex')", section))
					.containsExactly(Sha256.hex(section.getBytes(StandardCharsets.UTF_8)));
			}
		}
		finally {
			db.drop();
		}
	}

	@Test
	void hexOfAPrefixIsItsFirstBytes() {
		byte[] digest = Sha256.digest(ascii("abc"));
		assertThat(Sha256.hex(digest, 4)).isEqualTo("ba7816bf");
	}

	private static byte[] jdk(byte[] input) throws NoSuchAlgorithmException {
		return MessageDigest.getInstance("SHA-256").digest(input);
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
