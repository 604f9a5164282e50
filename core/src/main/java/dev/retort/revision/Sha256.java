package dev.retort.revision;

/**
 * SHA-256 (FIPS 180-4) of a byte array: the checksum of a revision's upgrade section, the
 * advisory lock key, the suffix of a shortened constraint name.
 *
 * <p>Not {@code MessageDigest.getInstance("SHA-256")}, on purpose: in a new JVM the JCA's first
 * digest costs about 30 ms of CPU (the provider list and its configuration file, the {@code Sun}
 * provider's few hundred services, {@code SecureRandom}'s seed files, and the {@code VarHandle}s
 * the JDK's digest reads its words with, all interpreted), more than hashing 10,000 revision
 * files with this class. Every start of an application and every command pays it, often on a
 * machine whose two cores are busy connecting at the same moment. The algorithm is fixed; the
 * tests hold this class to the JDK's digest on the published test vectors and on random input.
 */
public final class Sha256 {

	private static final int[] K = { 0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
			0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
			0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa,
			0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
			0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb,
			0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624,
			0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
			0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb,
			0xbef9a3f7, 0xc67178f2 };

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private Sha256() {
	}

	/** The 32-byte digest of {@code input}. */
	public static byte[] digest(byte[] input) {
		int[] state = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
				0x5be0cd19 };
		int[] schedule = new int[64];
		int fullBlocks = input.length / 64;
		for (int block = 0; block < fullBlocks; block++) {
			compress(input, block * 64, state, schedule);
		}
		// The padding: the rest of the input, a 1 bit, zeros, and the length in bits (big-endian)
		// in the last 8 bytes of one or two final blocks.
		int rest = input.length - fullBlocks * 64;
		byte[] tail = new byte[(rest < 56) ? 64 : 128];
		System.arraycopy(input, fullBlocks * 64, tail, 0, rest);
		tail[rest] = (byte) 0x80;
		long bits = (long) input.length * 8;
		for (int i = 0; i < 8; i++) {
			tail[tail.length - 1 - i] = (byte) (bits >>> (8 * i));
		}
		for (int offset = 0; offset < tail.length; offset += 64) {
			compress(tail, offset, state, schedule);
		}
		byte[] digest = new byte[32];
		for (int i = 0; i < 8; i++) {
			int word = state[i];
			digest[4 * i] = (byte) (word >>> 24);
			digest[4 * i + 1] = (byte) (word >>> 16);
			digest[4 * i + 2] = (byte) (word >>> 8);
			digest[4 * i + 3] = (byte) word;
		}
		return digest;
	}

	/** The digest of {@code input} as 64 lower-case hex digits. */
	public static String hex(byte[] input) {
		return hex(digest(input), 32);
	}

	/** The first {@code length} bytes of {@code digest} as lower-case hex digits. */
	public static String hex(byte[] digest, int length) {
		char[] text = new char[length * 2];
		for (int i = 0; i < length; i++) {
			text[2 * i] = HEX[(digest[i] >> 4) & 0xf];
			text[2 * i + 1] = HEX[digest[i] & 0xf];
		}
		return new String(text);
	}

	// Rotations written out rather than Integer.rotateRight: the same code once compiled, but
	// until then each is a call of the interpreter's, 576 per block, and a start hashes its first
	// few hundred blocks before the JIT compiles this method (a no-op of 1,000 revisions in a new
	// JVM: its own work 12-21 ms shorter in two batches of side-by-side runs).
	private static void compress(byte[] input, int offset, int[] state, int[] w) {
		for (int t = 0, at = offset; t < 16; t++, at += 4) {
			w[t] = (input[at] << 24) | ((input[at + 1] & 0xff) << 16) | ((input[at + 2] & 0xff) << 8)
					| (input[at + 3] & 0xff);
		}
		for (int t = 16; t < 64; t++) {
			int x = w[t - 15];
			int y = w[t - 2];
			int sigma0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
			int sigma1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
			w[t] = w[t - 16] + sigma0 + w[t - 7] + sigma1;
		}
		int a = state[0];
		int b = state[1];
		int c = state[2];
		int d = state[3];
		int e = state[4];
		int f = state[5];
		int g = state[6];
		int h = state[7];
		for (int t = 0; t < 64; t++) {
			int t1 = h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7)))
					+ ((e & f) ^ (~e & g)) + K[t] + w[t];
			int t2 = (((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10)))
					+ ((a & b) ^ (a & c) ^ (b & c));
			h = g;
			g = f;
			f = e;
			e = d + t1;
			d = c;
			c = b;
			b = a;
			a = t1 + t2;
		}
		state[0] += a;
		state[1] += b;
		state[2] += c;
		state[3] += d;
		state[4] += e;
		state[5] += f;
		state[6] += g;
		state[7] += h;
	}

}
