/*
 * ttl-passwd.c: Tera Term's password files (getpassword, setpassword,
 * ispassword, delpassword, and the same with 2, of Tera Term 5.3), read
 * and written as Tera Term does, so that a user's file comes along.
 *
 * The first form is an INI file: section [Password], one key per name.
 * Its value hides the password but needs no key to reveal it: it is a
 * line of numbers 0-63 shown as printable ASCII. First a random r0, then
 * for every six bits of the password (its bytes as one big-endian bit
 * string, zero bits after the last) two numbers, (bits + r) mod 64 and
 * r, with r random each time, and last r0's complement (63 - r0). The
 * number at position i is shown as itself plus 0x21, 0x30, 0x40, 0x50,
 * 0x60 or 0x70 (i mod 6 picks), less 0x5e if that passes 0x7e. A value
 * whose first and last numbers are not complements reads as the empty
 * password; an empty value is no password at all.
 *
 * The second form is no INI file: one line per password, 508 characters
 * of base64 (381 bytes, so no '=') and CRLF; other lines are left alone.
 * The bytes in order:
 *	  2	00 02, the form's tag
 *	 16	a salt for the name
 *	 64	PBKDF2-HMAC-SHA512 of the name with that salt, 1001 rounds:
 *		the name is not stored, a line is found by trying each
 *	 16	a salt for the key string
 *	203	the password, NULs after it
 *	 16	random bytes
 *	 64	HMAC-SHA512 of the 317 bytes before it, as stored
 * The last three are AES-256-CTR, one stream from the password to the
 * end, its key and IV 48 bytes of PBKDF2-HMAC-SHA512(key string, its
 * salt, 210001 rounds). The HMAC's own key is 64 bytes of PBKDF2-HMAC-
 * SHA512(key string, the 16 random bytes as stored, 1001 rounds): a
 * wrong key string fails it. A name that is there twice is its last
 * line.
 *
 * Files tterm creates are the user's alone (0600); a changed file keeps
 * its mode and every line not changed, byte for byte.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "tterm.h"
#include "ttl-int.h"

/*
 * libcrypto's functions, through this table: libcrypto is opened when a
 * password is first hidden or a second form file first read (dynlib.c),
 * not at tterm's start.
 */
#define PW_CRYPTO_SYMS(X) \
	X(CRYPTO_memcmp) \
	X(EVP_CIPHER_CTX_free) \
	X(EVP_CIPHER_CTX_new) \
	X(EVP_EncryptInit_ex) \
	X(EVP_EncryptUpdate) \
	X(EVP_aes_256_ctr) \
	X(EVP_sha512) \
	X(HMAC) \
	X(PKCS5_PBKDF2_HMAC) \
	X(RAND_bytes)
#define PW_CRYPTO_ENTRY(f) DYNLIB_ENTRY(pw_crypto, f)

static struct {
	PW_CRYPTO_SYMS(DYNLIB_MEMBER)
} pw_crypto;
static const struct dynlib_sym	pw_crypto_syms[] = {
	PW_CRYPTO_SYMS(PW_CRYPTO_ENTRY)
	{ NULL, NULL }
};
static struct dynlib		pw_crypto_lib = { TTERM_LIBCRYPTO,
				    pw_crypto_syms, NULL, NULL };

#define PW_CRYPTO(f)		DYNLIB_GET(pw_crypto_lib, pw_crypto, f)
#define CRYPTO_memcmp		(*PW_CRYPTO(CRYPTO_memcmp))
#define EVP_CIPHER_CTX_free	(*PW_CRYPTO(EVP_CIPHER_CTX_free))
#define EVP_CIPHER_CTX_new	(*PW_CRYPTO(EVP_CIPHER_CTX_new))
#define EVP_EncryptInit_ex	(*PW_CRYPTO(EVP_EncryptInit_ex))
#define EVP_EncryptUpdate	(*PW_CRYPTO(EVP_EncryptUpdate))
#define EVP_aes_256_ctr		(*PW_CRYPTO(EVP_aes_256_ctr))
#define EVP_sha512		(*PW_CRYPTO(EVP_sha512))
#define HMAC			(*PW_CRYPTO(HMAC))
#define PKCS5_PBKDF2_HMAC	(*PW_CRYPTO(PKCS5_PBKDF2_HMAC))
#define RAND_bytes		(*PW_CRYPTO(RAND_bytes))

#define PW_SECTION	"Password"
#define PW_FILE_MAX	(16 * 1024 * 1024)

#define PW2_LEN		381	/* a record */
#define PW2_B64		508	/* its line, without the CRLF */
#define PW2_SALT	16
#define PW2_HASH	64
#define PW2_MAX		203	/* bytes of a password */
#define PW2_ROUNDS	1001	/* the name's hash, the HMAC's key */
#define PW2_KEYROUNDS	210001	/* the cipher's key and IV */
#define PW2_NSALT	2	/* offsets in a record */
#define PW2_NHASH	18
#define PW2_KSALT	82
#define PW2_PASS	98
#define PW2_RAND	301
#define PW2_MAC		317

/* A line of a file: its text, and the CR, LF or CRLF after it. */
struct pw_line {
	size_t		 off;
	size_t		 len;
	size_t		 eol;
};

/* A second form file as read, and the last line of the name. */
struct pw2_file {
	char		*buf;
	size_t		 len;
	int		 found;
	struct pw_line	 line;
	u_char		 rec[PW2_LEN];
};

static const u_char pw_shift[6] = { 0x21, 0x30, 0x40, 0x50, 0x60, 0x70 };

/* Six bits of the bit string s at bit (zero past its end). */
static u_int
pw_bits(const u_char *s, size_t len, size_t bit)
{
	size_t	i = bit / 8;
	u_int	hi = i < len ? s[i] : 0, lo = i + 1 < len ? s[i + 1] : 0;

	return ((((hi << 8) | lo) >> (10 - bit % 8)) & 0x3f);
}

/* Put six bits into out (zeroed, one byte longer than needed) at bit. */
static void
pw_put(u_char *out, size_t bit, u_int b)
{
	u_int	d = b << (10 - bit % 8);

	out[bit / 8] |= d >> 8;
	out[bit / 8 + 1] |= d & 0xff;
}

static char
pw_show(u_int v, size_t i)
{
	v += pw_shift[i % 6];
	return (v > 0x7e ? v - 0x5e : v);
}

static u_int
pw_unshow(char ch, size_t i)
{
	u_int	c = (u_char)ch, s = pw_shift[i % 6];

	return ((c < s ? 0x5e + c - s : c - s) & 0x3f);
}

/*
 * A password hidden as the first form does: rnd holds one random byte
 * for r0 and one for each six bits (only their low six bits count), or
 * is NULL for fresh ones. NULL if no random bytes could be had.
 */
char *
ttl_passwd_hide(const char *pw, const u_char *rnd)
{
	size_t	 len = strlen(pw), groups = (len * 8 + 5) / 6, i;
	u_char	*r;
	char	*out;

	if (len == 0)
		return (xstrdup(""));
	r = xmalloc(groups + 1);
	if (rnd != NULL)
		memcpy(r, rnd, groups + 1);
	else if (dynlib_load(&pw_crypto_lib, NULL) != 0 ||
	    RAND_bytes(r, groups + 1) != 1) {
		free(r);
		return (NULL);
	}
	out = xmalloc(2 * groups + 3);
	out[0] = pw_show(r[0] & 0x3f, 0);
	for (i = 0; i < groups; i++) {
		out[1 + 2 * i] = pw_show((pw_bits((const u_char *)pw, len,
		    6 * i) + r[1 + i]) & 0x3f, 1 + 2 * i);
		out[2 + 2 * i] = pw_show(r[1 + i] & 0x3f, 2 + 2 * i);
	}
	out[2 * groups + 1] = pw_show(~r[0] & 0x3f, 2 * groups + 1);
	out[2 * groups + 2] = '\0';
	xfreezero(r, groups + 1);
	return (out);
}

/* The password a first form value hides ("" if it is not one). */
char *
ttl_passwd_reveal(const char *hidden)
{
	size_t	 n = strlen(hidden), groups, i;
	u_char	*v, *out;

	if (n < 2)
		return (xstrdup(""));
	v = xmalloc(n);
	for (i = 0; i < n; i++)
		v[i] = pw_unshow(hidden[i], i);
	if ((v[0] ^ v[n - 1]) != 0x3f) {
		xfreezero(v, n);
		return (xstrdup(""));
	}
	groups = (n - 2) / 2;
	out = xcalloc(groups * 6 / 8 + 2, 1);
	for (i = 0; i < groups; i++)
		pw_put(out, 6 * i, (v[1 + 2 * i] - v[2 + 2 * i]) & 0x3f);
	out[groups * 6 / 8] = '\0';	/* bits short of a byte: padding */
	xfreezero(v, n);
	return ((char *)out);
}

/* Is there a file? 1 yes, 0 none, -1 cannot tell (with cause). */
static int
pw_exists(const char *path, char **cause)
{
	struct stat	sb;

	if (stat(path, &sb) == 0)
		return (1);
	if (errno == ENOENT)
		return (0);
	if (cause != NULL)
		xasprintf(cause, "%s: %s", path, strerror(errno));
	return (-1);
}

/* A first form file: 1 read, 0 there is none, -1 unreadable. */
static int
pw_load(const char *path, struct ini **ini, char **cause)
{
	char	*why = NULL;
	int	 rc;

	*ini = NULL;
	if ((rc = pw_exists(path, cause)) != 1)
		return (rc);
	if ((*ini = ini_load(path, NULL, &why)) == NULL) {
		if (cause != NULL)
			*cause = why;
		else
			free(why);
		return (-1);
	}
	return (1);
}

/* A name fit to be a key (the others Windows writes but cannot read). */
static int
pw_name_ok(const char *name, char **cause)
{
	if (*name != '\0' && strpbrk(name, "\r\n=") == NULL &&
	    strchr("[;#", *name) == NULL)
		return (1);
	xasprintf(cause, "'%s' cannot be a password's name", name);
	return (0);
}

/* A first form password: 1 found (*out set), 0 none, -1 unreadable. */
int
ttl_passwd_get(const char *path, const char *name, char **out)
{
	struct ini	*ini;
	const char	*v;
	int		 rc;

	*out = NULL;
	if ((rc = pw_load(path, &ini, NULL)) != 1)
		return (rc);
	v = ini_get(ini, PW_SECTION, name);
	rc = v != NULL && *v != '\0';
	if (rc)
		*out = ttl_passwd_reveal(v);
	ini_free(ini);
	return (rc);
}

/* ispassword: a value that is not empty. */
int
ttl_passwd_exists(const char *path, const char *name)
{
	char	*pw;
	int	 rc;

	rc = ttl_passwd_get(path, name, &pw);
	freezero_str(pw);
	return (rc == 1);
}

/* Store a first form password; the file is made if it is not there. */
int
ttl_passwd_set(const char *path, const char *name, const char *pw,
    char **cause)
{
	struct ini	*ini;
	char		*hidden;
	int		 rc;

	if (!pw_name_ok(name, cause))
		return (-1);
	if ((rc = pw_load(path, &ini, cause)) == -1)
		return (-1);
	if (ini == NULL)
		ini = ini_parse("", 0, NULL);
	/* libcrypto gives the random bytes: if it is missing, say so. */
	if (dynlib_load(&pw_crypto_lib, cause) != 0) {
		ini_free(ini);
		return (-1);
	}
	if ((hidden = ttl_passwd_hide(pw, NULL)) == NULL) {
		xasprintf(cause, "%s",
		    _("no random bytes to hide the password"));
		ini_free(ini);
		return (-1);
	}
	ini_set(ini, PW_SECTION, name, hidden);
	freezero_str(hidden);
	rc = ini_save(ini, path, cause);
	ini_free(ini);
	return (rc);
}

/*
 * Remove a first form password, or with name "" the whole section as
 * Windows does: 1 removed, 0 nothing there, -1 failed.
 */
int
ttl_passwd_del(const char *path, const char *name, char **cause)
{
	struct ini	*ini;
	int		 rc;

	if ((rc = pw_load(path, &ini, cause)) != 1)
		return (rc);
	if (!ini_unset(ini, PW_SECTION, *name != '\0' ? name : NULL))
		rc = 0;
	else
		rc = ini_save(ini, path, cause) == 0 ? 1 : -1;
	ini_free(ini);
	return (rc);
}

/* The next line of buf from *at: a line ends at CR, LF or CRLF. */
static int
pw_line_next(const char *buf, size_t size, size_t *at, struct pw_line *l)
{
	size_t	i = *at;

	if (i >= size)
		return (0);
	l->off = i;
	while (i < size && buf[i] != '\r' && buf[i] != '\n')
		i++;
	l->len = i - l->off;
	if (i < size && buf[i] == '\r')
		i++;
	if (i < size && buf[i] == '\n')
		i++;
	l->eol = i - l->off - l->len;
	*at = i;
	return (1);
}

/* A line that is a second form record, decoded into rec. */
static int
pw2_record(const char *buf, const struct pw_line *l, u_char *rec)
{
	u_char	tmp[PW2_LEN + 3];

	/* 381 bytes are whole groups of three: a real line has no '='. */
	if (l->len != PW2_B64 || memchr(buf + l->off, '=', l->len) != NULL ||
	    base64_decode(tmp, buf + l->off, PW2_B64) != PW2_LEN)
		return (0);
	memcpy(rec, tmp, PW2_LEN);
	explicit_bzero(tmp, sizeof tmp);
	return (rec[0] == 0x00 && rec[1] == 0x02);
}

/* The hash of a name with a record's salt. */
static int
pw2_name_hash(const char *name, const u_char *rec, u_char *hash)
{
	return (PKCS5_PBKDF2_HMAC(name, strlen(name), rec + PW2_NSALT,
	    PW2_SALT, PW2_ROUNDS, EVP_sha512(), PW2_HASH, hash) == 1 ? 0 : -1);
}

/* Is the record the name's? */
static int
pw2_named(const u_char *rec, const char *name)
{
	u_char	hash[PW2_HASH];

	return (pw2_name_hash(name, rec, hash) == 0 &&
	    CRYPTO_memcmp(hash, rec + PW2_NHASH, PW2_HASH) == 0);
}

/*
 * Read a second form file and find the name's last line (Tera Term takes
 * the last and looks at every line, so that how long it takes does not
 * say where the name is): 1 read, 0 there is none, -1 unreadable.
 */
static int
pw2_load(const char *path, const char *name, struct pw2_file *f,
    char **cause)
{
	struct pw_line	 l;
	u_char		 rec[PW2_LEN];
	size_t		 at = 0;
	char		*why = NULL;
	int		 rc;

	memset(f, 0, sizeof *f);
	if (dynlib_load(&pw_crypto_lib, cause) != 0)
		return (-1);
	if ((rc = pw_exists(path, cause)) != 1)
		return (rc);
	if ((f->buf = file_read(path, PW_FILE_MAX, &f->len, &why)) == NULL) {
		if (cause != NULL)
			*cause = why;
		else
			free(why);
		return (-1);
	}
	while (name != NULL && pw_line_next(f->buf, f->len, &at, &l)) {
		if (!pw2_record(f->buf, &l, rec) || !pw2_named(rec, name))
			continue;
		f->found = 1;
		f->line = l;
		memcpy(f->rec, rec, PW2_LEN);
	}
	explicit_bzero(rec, sizeof rec);
	return (1);
}

static void
pw2_free(struct pw2_file *f)
{
	free(f->buf);
	explicit_bzero(f->rec, sizeof f->rec);
}

/* The AES-256-CTR stream of a record, from the key string. */
static EVP_CIPHER_CTX *
pw2_cipher(const char *key, const u_char *rec)
{
	EVP_CIPHER_CTX	*ctx;
	u_char		 kiv[32 + 16];

	if (PKCS5_PBKDF2_HMAC(key, strlen(key), rec + PW2_KSALT, PW2_SALT,
	    PW2_KEYROUNDS, EVP_sha512(), sizeof kiv, kiv) != 1 ||
	    (ctx = EVP_CIPHER_CTX_new()) == NULL) {
		explicit_bzero(kiv, sizeof kiv);
		return (NULL);
	}
	if (EVP_EncryptInit_ex(ctx, EVP_aes_256_ctr(), NULL, kiv,
	    kiv + 32) != 1) {
		EVP_CIPHER_CTX_free(ctx);
		ctx = NULL;
	}
	explicit_bzero(kiv, sizeof kiv);
	return (ctx);
}

/* The HMAC of a record's first 317 bytes, as they are stored. */
static int
pw2_mac(const char *key, const u_char *rec, u_char *mac)
{
	u_char	mk[PW2_HASH];
	u_int	n = 0;
	int	ok;

	ok = PKCS5_PBKDF2_HMAC(key, strlen(key), rec + PW2_RAND, PW2_SALT,
	    PW2_ROUNDS, EVP_sha512(), PW2_HASH, mk) == 1 &&
	    HMAC(EVP_sha512(), mk, PW2_HASH, rec, PW2_MAC, mac, &n) != NULL &&
	    n == PW2_HASH;
	explicit_bzero(mk, sizeof mk);
	return (ok ? 0 : -1);
}

/* A new record of name and password, sealed with the key string. */
static int
pw2_seal(u_char *rec, const char *name, const char *pw, const char *key)
{
	EVP_CIPHER_CTX	*ctx = NULL;
	u_char		 plain[PW2_MAX + PW2_SALT], mac[PW2_HASH];
	int		 n, ok;

	memset(plain, 0, sizeof plain);
	memcpy(plain, pw, strlen(pw));
	rec[0] = 0x00;
	rec[1] = 0x02;
	ok = RAND_bytes(rec + PW2_NSALT, PW2_SALT) == 1 &&
	    RAND_bytes(rec + PW2_KSALT, PW2_SALT) == 1 &&
	    RAND_bytes(plain + PW2_MAX, PW2_SALT) == 1 &&
	    pw2_name_hash(name, rec, rec + PW2_NHASH) == 0 &&
	    (ctx = pw2_cipher(key, rec)) != NULL &&
	    EVP_EncryptUpdate(ctx, rec + PW2_PASS, &n, plain,
	    sizeof plain) == 1 &&
	    pw2_mac(key, rec, mac) == 0 &&
	    EVP_EncryptUpdate(ctx, rec + PW2_MAC, &n, mac, PW2_HASH) == 1;
	EVP_CIPHER_CTX_free(ctx);
	explicit_bzero(plain, sizeof plain);
	explicit_bzero(mac, sizeof mac);
	return (ok ? 0 : -1);
}

/* A record's password: 0 (*out set), -1 if the key string is wrong. */
static int
pw2_open(const u_char *rec, const char *key, char **out)
{
	EVP_CIPHER_CTX	*ctx;
	u_char		 plain[PW2_LEN - PW2_PASS], mac[PW2_HASH];
	int		 n, ok;

	*out = NULL;
	if ((ctx = pw2_cipher(key, rec)) == NULL)
		return (-1);
	ok = EVP_EncryptUpdate(ctx, plain, &n, rec + PW2_PASS,
	    sizeof plain) == 1 && pw2_mac(key, rec, mac) == 0 &&
	    CRYPTO_memcmp(mac, plain + PW2_MAX + PW2_SALT, PW2_HASH) == 0;
	EVP_CIPHER_CTX_free(ctx);
	if (ok)
		*out = xstrndup((char *)plain, PW2_MAX);
	explicit_bzero(plain, sizeof plain);
	explicit_bzero(mac, sizeof mac);
	return (ok ? 0 : -1);
}

/* Write the file with bytes [from, to) replaced by rep. */
static int
pw2_splice(const char *path, const struct pw2_file *f, size_t from,
    size_t to, const char *rep, char **cause)
{
	struct buf	b = { 0 };
	int		rc;

	buf_add(&b, f->buf != NULL ? f->buf : "", from);
	buf_add(&b, rep, strlen(rep));
	buf_add(&b, f->buf != NULL ? f->buf + to : "", f->len - to);
	rc = file_write(path, b.data, b.len, cause);
	buf_free(&b);
	return (rc);
}

/*
 * A second form password: 1 found (*out set), 0 none, -1 unreadable, -2
 * there but the key string does not open it.
 */
int
ttl_passwd2_get(const char *path, const char *name, const char *key,
    char **out)
{
	struct pw2_file	f;
	int		rc;

	*out = NULL;
	if ((rc = pw2_load(path, name, &f, NULL)) == 1 && f.found)
		rc = pw2_open(f.rec, key, out) == 0 ? 1 : -2;
	else if (rc == 1)
		rc = 0;
	pw2_free(&f);
	return (rc);
}

/* ispassword2: only the name counts, no key string is needed. */
int
ttl_passwd2_exists(const char *path, const char *name)
{
	struct pw2_file	f;
	int		found;

	found = pw2_load(path, name, &f, NULL) == 1 && f.found;
	pw2_free(&f);
	return (found);
}

/* The record's line in place of the name's, or added at the end. */
static int
pw2_store(const char *path, const struct pw2_file *f, const u_char *rec,
    char **cause)
{
	char	line[PW2_B64 + 5], *p = line;
	size_t	from = f->len, to = f->len;

	if (f->found) {
		from = f->line.off;
		to = from + f->line.len;
	} else if (f->len > 0 && f->buf[f->len - 1] != '\n' &&
	    f->buf[f->len - 1] != '\r') {
		*p++ = '\r';	/* a last line without an ending gets one */
		*p++ = '\n';
	}
	base64_encode(p, rec, PW2_LEN);
	if (!f->found)
		memcpy(p + PW2_B64, "\r\n", 3);
	return (pw2_splice(path, f, from, to, line, cause));
}

/* Store a second form password; the file is made if it is not there. */
int
ttl_passwd2_set(const char *path, const char *name, const char *pw,
    const char *key, char **cause)
{
	struct pw2_file	 f;
	u_char		 rec[PW2_LEN];
	char		*old = NULL;
	int		 rc;

	if (strlen(pw) > PW2_MAX) {
		xasprintf(cause, "a password of over %d bytes", PW2_MAX);
		return (-1);
	}
	if (pw2_load(path, name, &f, cause) == -1)
		return (-1);
	if (f.found && pw2_open(f.rec, key, &old) == 0 &&
	    strcmp(old, pw) == 0)
		rc = 0;		/* the same: the file is left as it is */
	else if (pw2_seal(rec, name, pw, key) != 0) {
		xasprintf(cause, "the password cannot be encrypted");
		rc = -1;
	} else
		rc = pw2_store(path, &f, rec, cause);
	freezero_str(old);
	explicit_bzero(rec, sizeof rec);
	pw2_free(&f);
	return (rc);
}

/* Remove every record of the second form, keeping the other lines. */
static int
pw2_del_all(const char *path, const struct pw2_file *f, char **cause)
{
	struct buf	b = { 0 };
	struct pw_line	l;
	u_char		rec[PW2_LEN];
	size_t		at = 0;
	int		n = 0, rc = 0;

	buf_add(&b, "", 0);
	while (pw_line_next(f->buf, f->len, &at, &l)) {
		if (pw2_record(f->buf, &l, rec))
			n++;
		else
			buf_add(&b, f->buf + l.off, l.len + l.eol);
	}
	explicit_bzero(rec, sizeof rec);
	if (n > 0)
		rc = file_write(path, b.data, b.len, cause) == 0 ? 1 : -1;
	buf_free(&b);
	return (rc);
}

/*
 * Remove a second form password, or with name "" every one: 1 removed,
 * 0 nothing there, -1 failed.
 */
int
ttl_passwd2_del(const char *path, const char *name, char **cause)
{
	struct pw2_file	f;
	int		rc;

	if ((rc = pw2_load(path, *name != '\0' ? name : NULL, &f,
	    cause)) != 1) {
		pw2_free(&f);
		return (rc);
	}
	if (*name == '\0')
		rc = pw2_del_all(path, &f, cause);
	else if (f.found)
		rc = pw2_splice(path, &f, f.line.off, f.line.off + f.line.len +
		    f.line.eol, "", cause) == 0 ? 1 : -1;
	else
		rc = 0;
	pw2_free(&f);
	return (rc);
}

/* Whether the macro may change files (the fuzzer's may not). */
static int
pw_may_write(struct ttl *vm)
{
	if (vm->host->may_write != NULL && !vm->host->may_write(vm->data))
		return (ttl_error(vm, _("this macro may not change files")));
	return (0);
}

/* The file and name arguments; path is NULL for an empty file name. */
static int
pw_args(struct ttl *vm, struct ttl_cursor *c, char **path, char **name)
{
	char	*file;

	*path = *name = NULL;
	if (ttl_arg_str(vm, c, &file) != 0)
		return (-1);
	if (ttl_arg_str(vm, c, name) != 0) {
		free(file);
		return (-1);
	}
	if (*file != '\0')
		*path = ttl_path(vm, file);
	free(file);
	return (0);
}

/* The last argument, a string, and the end of the line. */
static int
pw_last(struct ttl *vm, struct ttl_cursor *c, char **s)
{
	*s = NULL;
	if (ttl_arg_str(vm, c, s) != 0)
		return (-1);
	if (ttl_arg_end(vm, c) != 0) {
		freezero_str(*s);
		*s = NULL;
		return (-1);
	}
	return (0);
}

/* The user's answer to getpassword's dialog: stored, then given. */
static void
pw_answered(struct ttl *vm)
{
	struct ttl_wait	*w = &vm->wait;
	const char	*pw = vm->answer;
	char		*cause = NULL;
	int		 ok = 0;

	if (vm->answer_result != 0 && pw != NULL && *pw != '\0') {
		if (w->nstr == 3)
			ok = ttl_passwd2_set(w->str[0], w->str[1], pw,
			    w->str[2], &cause) == 0;
		else
			ok = ttl_passwd_set(w->str[0], w->str[1], pw,
			    &cause) == 0;
	}
	if (cause != NULL)
		log_debug("%s: %s", w->what, cause);
	free(cause);
	if (ok)
		ttl_ref_set_str(vm, &vm->answer_ref, pw, strlen(pw));
	ttl_set_int(vm, "result", ok);
	if (w->nstr == 3)
		explicit_bzero(w->str[2], strlen(w->str[2]));
	freezero_str(vm->answer);
	vm->answer = NULL;
}

static void
pw_dialog_cb(void *arg, int key, char **values)
{
	ttl_answer(arg, values != NULL && values[0] != NULL ? values[0] :
	    NULL, key);
}

/*
 * A password that is not there: the user is asked, as Tera Term's dialog
 * does (the name as its text). The wait holds the file, the name and the
 * key string (taken over) until the answer comes.
 */
static int
pw_ask(struct ttl *vm, const struct ttl_ref *r, char *path, char *name,
    char *key)
{
	struct question	*q;
	const char	*label[] = { "" };
	int		 echo[] = { 0 };

	q = question_fields(_("Enter password"), name, 1, label, echo,
	    pw_dialog_cb, vm);
	ttl_wait_clear(&vm->wait);
	vm->wait.kind = WK_ANSWER;
	vm->wait.str[0] = path;
	vm->wait.str[1] = name;
	vm->wait.str[2] = key;
	vm->wait.nstr = key != NULL ? 3 : 2;
	vm->wait.what = xstrdup(key != NULL ? "getpassword2" : "getpassword");
	vm->answer_ref = *r;
	vm->answered = 0;
	vm->answer_fn = pw_answered;
	vm->host->ask(vm->data, q);
	return (0);
}

/*
 * getpassword file name var: result 1 with the password, else 0 (no
 * file or name; the user gave none; the file cannot be read or written).
 */
TTL_CMD(getpassword)
{
	struct ttl_ref	 r;
	char		*path, *name, *pw = NULL;
	int		 rc = -1;

	if (pw_args(vm, c, &path, &name) != 0)
		return (-1);
	if (ttl_arg_ref(vm, c, TV_STR, &r) != 0 || ttl_arg_end(vm, c) != 0 ||
	    ttl_ref_set_str(vm, &r, "", 0) != 0)
		goto out;
	if (path != NULL && *name != '\0' &&
	    (rc = ttl_passwd_get(path, name, &pw)) == 0) {
		if ((rc = pw_may_write(vm)) != 0)
			goto out;
		return (pw_ask(vm, &r, path, name, NULL));
	}
	if (rc == 1)
		ttl_ref_set_str(vm, &r, pw, strlen(pw));
	ttl_set_int(vm, "result", rc == 1);
	freezero_str(pw);
	rc = 0;
out:
	free(path);
	free(name);
	return (rc);
}

/* setpassword file name password: result 1 stored, 0 not. */
TTL_CMD(setpassword)
{
	char	*path, *name, *pw, *cause = NULL;
	int	 rc = -1;

	if (pw_may_write(vm) != 0 || pw_args(vm, c, &path, &name) != 0)
		return (-1);
	if (pw_last(vm, c, &pw) != 0)
		goto out;
	if (path == NULL || *name == '\0' || *pw == '\0')
		rc = ttl_error(vm, _("a file, a name and a password are "
		    "needed"));
	else {
		rc = ttl_passwd_set(path, name, pw, &cause);
		ttl_set_int(vm, "result", rc == 0);
		if (cause != NULL)
			log_debug("setpassword: %s", cause);
		free(cause);
		rc = 0;
	}
	freezero_str(pw);
out:
	free(path);
	free(name);
	return (rc);
}

/* ispassword file name (and ispassword2): result 1 if it has one. */
static int
pw_is(struct ttl *vm, struct ttl_cursor *c, int (*exists)(const char *,
    const char *))
{
	char	*path, *name;
	int	 rc;

	if (pw_args(vm, c, &path, &name) != 0)
		return (-1);
	if ((rc = ttl_arg_end(vm, c)) == 0 && (path == NULL || *name == '\0'))
		rc = ttl_error(vm, _("a file and a name are needed"));
	else if (rc == 0)
		ttl_set_int(vm, "result", exists(path, name));
	free(path);
	free(name);
	return (rc);
}

TTL_CMD(ispassword)
{
	return (pw_is(vm, c, ttl_passwd_exists));
}

/* delpassword file name: name '' removes them all. No result, as in
 * Tera Term. */
TTL_CMD(delpassword)
{
	char	*path, *name, *cause = NULL;
	int	 rc;

	if (pw_may_write(vm) != 0 || pw_args(vm, c, &path, &name) != 0)
		return (-1);
	if ((rc = ttl_arg_end(vm, c)) == 0 && path != NULL &&
	    ttl_passwd_del(path, name, &cause) == -1)
		log_debug("delpassword: %s", cause);
	free(cause);
	free(path);
	free(name);
	return (rc);
}

/*
 * getpassword2 file name var key: as getpassword; result 0 also when the
 * key string does not open the password (the user is not asked then).
 */
TTL_CMD(getpassword2)
{
	struct ttl_ref	 r;
	char		*path, *name, *key = NULL, *pw = NULL;
	int		 rc = -1;

	if (pw_args(vm, c, &path, &name) != 0)
		return (-1);
	if (ttl_arg_ref(vm, c, TV_STR, &r) != 0 || pw_last(vm, c, &key) != 0 ||
	    ttl_ref_set_str(vm, &r, "", 0) != 0)
		goto out;
	if (path == NULL || *name == '\0' || *key == '\0') {
		rc = ttl_error(vm, _("a file, a name and a key are needed"));
		goto out;
	}
	if ((rc = ttl_passwd2_get(path, name, key, &pw)) == 0) {
		if ((rc = pw_may_write(vm)) != 0)
			goto out;
		return (pw_ask(vm, &r, path, name, key));
	}
	if (rc == 1)
		ttl_ref_set_str(vm, &r, pw, strlen(pw));
	ttl_set_int(vm, "result", rc == 1);
	freezero_str(pw);
	rc = 0;
out:
	freezero_str(key);
	free(path);
	free(name);
	return (rc);
}

/* setpassword2 file name password key: result 1 stored, 0 not. */
TTL_CMD(setpassword2)
{
	char	*path, *name, *pw = NULL, *key = NULL, *cause = NULL;
	int	 rc = -1;

	if (pw_may_write(vm) != 0 || pw_args(vm, c, &path, &name) != 0)
		return (-1);
	if (ttl_arg_str(vm, c, &pw) != 0 || pw_last(vm, c, &key) != 0)
		goto out;
	if (path == NULL || *name == '\0' || *pw == '\0' || *key == '\0')
		rc = ttl_error(vm, _("a file, a name, a password and a key are "
		    "needed"));
	else {
		rc = ttl_passwd2_set(path, name, pw, key, &cause);
		ttl_set_int(vm, "result", rc == 0);
		if (cause != NULL)
			log_debug("setpassword2: %s", cause);
		free(cause);
		rc = 0;
	}
out:
	freezero_str(pw);
	freezero_str(key);
	free(path);
	free(name);
	return (rc);
}

TTL_CMD(ispassword2)
{
	return (pw_is(vm, c, ttl_passwd2_exists));
}

/* delpassword2 file name: name '' removes them all; result 1 if one
 * went. */
TTL_CMD(delpassword2)
{
	char	*path, *name, *cause = NULL;
	int	 rc, n = 0;

	if (pw_may_write(vm) != 0 || pw_args(vm, c, &path, &name) != 0)
		return (-1);
	if ((rc = ttl_arg_end(vm, c)) == 0) {
		if (path != NULL &&
		    (n = ttl_passwd2_del(path, name, &cause)) == -1)
			log_debug("delpassword2: %s", cause);
		ttl_set_int(vm, "result", n == 1);
	}
	free(cause);
	free(path);
	free(name);
	return (rc);
}
