/*
 * test-profile.c: TERATERM.INI files read with Windows' rules, mapped
 * through the keyword table, dumped, saved and read back; Tera Term
 * command lines; algorithm order strings.
 *
 * The shipped default file is read as it is; its UTF-16LE and CP932
 * variants are made here with iconv, as Tera Term 5 and 4 write them.
 */
#include "config.h"

#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tterm.h"
#include "unit.h"

static char	*ini_text;	/* the shipped file */
static size_t	 ini_len;
static char	 tmpdir[] = "/tmp/tterm-profile-XXXXXX";

static char *
slurp(const char *path, size_t *len)
{
	FILE	*f = fopen(path, "rb");
	char	*buf;
	long	 n;

	if (f == NULL) {
		perror(path);
		exit(1);
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = xmalloc(n + 1);
	if (fread(buf, 1, n, f) != (size_t)n)
		exit(1);
	buf[n] = '\0';
	fclose(f);
	*len = n;
	return (buf);
}

static char *
convert(const char *to, const char *in, size_t len, size_t *outlen, int bom)
{
	iconv_t	 cd = iconv_open(to, "UTF-8");
	char	*out = xmalloc(len * 4 + 4), *op = out, *ip = (char *)in;
	size_t	 il = len, ol = len * 4;

	if (bom) {
		memcpy(op, "\xff\xfe", 2);
		op += 2;
	}
	if (cd == (iconv_t)-1 || iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
		perror("iconv");
		exit(1);
	}
	iconv_close(cd);
	*outlen = op - out;
	return (out);
}

/* The values the shipped file must give, whatever its encoding. */
static void
check_shipped(struct profile *p, int raw)
{
	CHECK(p->ssh == 1);
	CHECK(p->serial == 0);
	CHECK(p->telnet == 1);
	CHECK_STR(p->cipher_order, "MKN>H:J=G9LI<F8C7D;EB30A@?62");
	CHECK_STR(p->kex_order, "?>=<;567:9842031");
	CHECK_STR(p->mac_order, "@?:861>5;20<=34");
	CHECK_STR(p->term_type, "xterm");
	CHECK(p->cols == 80 && p->rows == 24);
	CHECK(p->scrollback == 10000);
	CHECK(p->speed == 9600 && p->databits == 8 && p->parity == 'N');
	CHECK(p->heartbeat == 300);
	CHECK(p->auth == PROF_AUTH_PASSWORD);
	CHECK(p->vt_fg == 0xffffff && p->vt_bg == 0);
	/* Tera Term's ANSIColor 1 is bright red, 9 the normal one. */
	CHECK(p->ansi[1] == 0xc00000);
	CHECK(p->ansi[9] == 0xff0000);
	CHECK(p->ansi[7] == 0xc0c0c0);
	CHECK(p->ansi[15] == 0xffffff);
	CHECK(p->ansi[8] == 0x404040);
	CHECK(p->ansi[4] == 0x4040c0);
	CHECK(p->ansi[12] == 0x8080ff);
	CHECK_STR(p->kanji_recv, "UTF-8");
	CHECK(p->nhosts == 10);
	if (p->nhosts == 10) {
		CHECK_STR(p->hosts[0], "myhost.example.com");
		CHECK_STR(p->hosts[7], "/C=1 ;serial port");
	}
	if (!raw)
		return;
	/* Values iniparser would cut or join: as Windows reads them. */
	CHECK_STR(ini_get(p->ini, "tera term", "DelimList"),
	    "$20!\"#$24%&'()*+,:;<=>?@[\\]^`{|}");
	CHECK_STR(ini_get(p->ini, "Tera Term", "JoinSplitURLIgnoreEOLChar"),
	    "\\");
	CHECK_STR(ini_get(p->ini, "Tera Term", "LogDefaultPath"), "");
}

static void
test_shipped_ascii(void)
{
	struct profile	*p = profile_parse("t", ini_text, ini_len, NULL);
	size_t		 n;
	char		*out;

	CHECK_STR(ini_encoding(p->ini), "UTF-8");
	CHECK(ini_problems(p->ini) == NULL);
	check_shipped(p, 1);
	out = ini_encode(p->ini, &n);
	CHECK(n == ini_len && memcmp(out, ini_text, n) == 0);
	free(out);
	profile_free(p);
}

static void
test_shipped_utf16(void)
{
	struct profile	*p;
	char		*u16, *out;
	size_t		 n, m;

	u16 = convert("UTF-16LE", ini_text, ini_len, &n, 1);
	p = profile_parse("t", u16, n, NULL);
	CHECK_STR(ini_encoding(p->ini), "UTF-16LE");
	check_shipped(p, 1);
	out = ini_encode(p->ini, &m);
	CHECK(m == n && memcmp(out, u16, n) == 0);
	free(out);

	/* One changed key: that line only, still UTF-16LE with a BOM. */
	p->speed = 115200;
	ini_set(p->ini, "Tera Term", "BaudRate", "115200");
	out = ini_encode(p->ini, &m);
	CHECK(m == n + 2 * 2);
	CHECK(memcmp(out, "\xff\xfe", 2) == 0);
	profile_free(p);
	p = profile_parse("t", out, m, NULL);
	CHECK(p->speed == 115200);
	CHECK_STR(ini_encoding(p->ini), "UTF-16LE");
	CHECK_STR(p->cipher_order, "MKN>H:J=G9LI<F8C7D;EB30A@?62");
	CHECK(p->nhosts == 10);
	profile_free(p);
	free(out);
	free(u16);
}

/* A Tera Term 4 file: CP932, Japanese comments and hosts, CRLF. */
static const char tt4_text[] =
    "; 日本語のコメント\r\n"
    "[Tera Term]\r\n"
    "Language=Japanese\r\n"
    "KanjiReceive=SJIS\r\n"
    "KanjiSend=SJIS\r\n"
    "Title=サーバー;本番 #1\r\n"
    "LogDefaultPath=C:\\logs\\\r\n"
    "BaudRate=38400\r\n"
    "TerminalSize=300,2000\r\n"
    "this line is broken\r\n"
    "BaudRate=1200\r\n"
    "Port=serial\r\n"
    "[TTSSH]\r\n"
    "Enabled=on\r\n"
    "KexOrder=1567:984320\r\n"
    "DefaultRSAPrivateKeyFile=C:\\Users\\taro\\.ssh\\id_ed25519\r\n"
    "KnownHostsFiles=ssh_known_hosts;keys\\other_hosts\r\n"
    "[Hosts]\r\n"
    "Host1=サーバー.example.jp:2222 /ssh /user=太郎\r\n"
    "Host2=/C=3 /BAUD=115200 ;console\r\n";

static void
test_tt4_cp932(void)
{
	struct profile	*p;
	char		*cp, *out, *home, *key;
	const char	*old = getenv("HOME"), *t;
	size_t		 n, m;
	struct ttcmd	 tc;

	/* A key of the same name in ~/.ssh is what the path maps to. */
	xasprintf(&home, "%s/home", tmpdir);
	xasprintf(&key, "%s/.ssh", home);
	mkdir(home, 0700);
	mkdir(key, 0700);
	free(key);
	xasprintf(&key, "%s/.ssh/id_ed25519", home);
	fclose(fopen(key, "w"));
	setenv("HOME", home, 1);

	cp = convert("CP932", tt4_text, sizeof tt4_text - 1, &n, 0);
	p = profile_parse("tt4", cp, n, NULL);
	CHECK_STR(ini_encoding(p->ini), "CP932");
	CHECK_STR(p->title, "サーバー;本番 #1");
	CHECK_STR(p->kanji_recv, "SJIS");	/* Japanese: really SJIS */
	CHECK(p->speed == 38400);		/* the first one wins */
	CHECK(p->cols == 300 && p->rows == 500);	/* Tera Term's cap */
	CHECK(p->serial == 1);
	CHECK(p->ssh == 0);			/* TTSSH: "on" is false */
	CHECK_STR(p->keyfile, key);
	CHECK(strstr(p->report.data, "problem: line 10: no '='") != NULL);
	CHECK(p->nhosts == 2);
	if (p->nhosts == 2) {
		CHECK_STR(p->hosts[0],
		    "サーバー.example.jp:2222 /ssh /user=太郎");
		memset(&tc, 0, sizeof tc);
		tc.p = profile_new("h");
		CHECK(ttcmd_line(&tc, p->hosts[0]) == 0);
		CHECK_STR(tc.p->host, "サーバー.example.jp");
		CHECK_STR(tc.p->user, "太郎");
		CHECK(tc.p->tcp_port == 2222 && tc.p->ssh == 1);
		profile_free(tc.p);
		ttcmd_clear(&tc);
	}
	out = ini_encode(p->ini, &m);
	CHECK(m == n && memcmp(out, cp, n) == 0);
	free(out);
	profile_free(p);
	free(cp);

	/* Tera Term 4 in English wrote SJIS for the Western code page. */
	t = "[Tera Term]\r\nLanguage=English\r\nKanjiReceive=SJIS\r\n"
	    "Title=caf\xc3\xa9 \xe2\x82\xac\r\n";
	cp = convert("CP1252", t, strlen(t), &n, 0);
	p = profile_parse("tt4", cp, n, "CP1252");
	CHECK_STR(p->kanji_recv, "CP1252");
	CHECK_STR(ini_encoding(p->ini), "CP1252");
	CHECK_STR(p->title, "caf\xc3\xa9 \xe2\x82\xac");
	CHECK(strstr(p->report.data, "fixed: [Tera Term] KanjiReceive=SJIS") !=
	    NULL);
	profile_free(p);
	free(cp);
	setenv("HOME", old != NULL ? old : "/", 1);
	free(home);
	free(key);
}

static void
test_windows_semantics(void)
{
	static const char text[] =
	    "[TTSSH]\n"
	    "CipherOrder=MKN>H:J=G9LI<F8C7D;EB30A@?62\n"
	    "KnownHostsFiles=a;b # not a comment\n"
	    "[tera term]\n"
	    "  termtype = \"vt100\"  \n"
	    "LogDefaultPath=D:\\logs\\\n"
	    "TermType=xterm\n"
	    "=no name\n"
	    "[broken\n"
	    "Title=after the bad lines\n";
	struct profile	*p;
	char		*big, *t;

	p = profile_parse("w", text, sizeof text - 1, NULL);
	CHECK_STR(p->cipher_order, "MKN>H:J=G9LI<F8C7D;EB30A@?62");
	CHECK_STR(ini_get(p->ini, "ttssh", "knownhostsfiles"),
	    "a;b # not a comment");
	CHECK_STR(p->term_type, "vt100");
	CHECK_STR(ini_get(p->ini, "Tera Term", "LogDefaultPath"),
	    "D:\\logs\\");
	CHECK_STR(p->title, "after the bad lines");
	CHECK(strstr(p->report.data, "line 8: no name before '='") != NULL);
	CHECK(strstr(p->report.data, "line 9: a section without ']'") != NULL);
	profile_free(p);

	/* Long lines are fine. */
	big = xmalloc(20000);
	memset(big, 'x', 20000);
	xasprintf(&t, "[Tera Term]\nTitle=%.*s\nBaudRate=4800\n", 19000, big);
	p = profile_parse("w", t, strlen(t), NULL);
	CHECK(p->title != NULL && strlen(p->title) == 19000);
	CHECK(p->speed == 4800);
	profile_free(p);
	free(t);
	free(big);
}

static void
test_dump_round_trip(void)
{
	struct profile	*p, *q;
	char		*d1, *d2;

	p = profile_parse("t", ini_text, ini_len, NULL);
	free(p->title);
	p->title = xstrdup(" blanks at the ends ");	/* kept by quotes */
	d1 = profile_dump(p);
	q = profile_parse("t", d1, strlen(d1), NULL);
	d2 = profile_dump(q);
	CHECK_STR(d1, d2);
	CHECK_STR(q->title, " blanks at the ends ");
	check_shipped(q, 0);
	CHECK(q->nhosts == p->nhosts);
	free(d1);
	free(d2);
	profile_free(p);
	profile_free(q);
}

static void
test_save(void)
{
	struct profile	*p;
	char		*path, *cause = NULL, *buf;
	size_t		 n;
	FILE		*f;

	xasprintf(&path, "%s/TERATERM.INI", tmpdir);
	f = fopen(path, "wb");
	fwrite(ini_text, 1, ini_len, f);
	fclose(f);
	p = profile_load(path, NULL, &cause);
	CHECK(p != NULL);
	if (p == NULL)
		return;
	CHECK(profile_save(p, NULL, &cause) == 0);
	buf = slurp(path, &n);
	CHECK(n == ini_len && memcmp(buf, ini_text, n) == 0);
	free(buf);

	p->speed = 57600;
	free(p->user);
	p->user = xstrdup("taro");
	free(p->host);			/* a destination from the command line */
	p->host = xstrdup("db1");
	CHECK(profile_save(p, NULL, &cause) == 0);
	profile_free(p);
	buf = slurp(path, &n);
	CHECK(strstr(buf, "\r\nBaudRate=57600\r\n") != NULL);
	CHECK(strstr(buf, "\r\nDefaultUserName=taro\r\n") != NULL);
	CHECK(strstr(buf, "[tterm]") == NULL);	/* not Tera Term's */
	CHECK(n == ini_len + 1 + 4);
	free(buf);
	p = profile_load(path, NULL, &cause);
	CHECK(p->speed == 57600);
	CHECK_STR(p->user, "taro");
	CHECK_STR(p->cipher_order, "MKN>H:J=G9LI<F8C7D;EB30A@?62");
	CHECK(p->nhosts == 10);
	profile_free(p);
	free(path);
}

static void
test_command_lines(void)
{
	struct ttcmd	 tc;
	char		 want[1024];

	memset(&tc, 0, sizeof tc);
	tc.p = profile_new("c");
	CHECK(ttcmd_line(&tc, "myhost:22 /ssh /2 /auth=password"
	    " /user=guest /passwd=\"a b\"\"c\"") == 0);
	CHECK_STR(tc.p->host, "myhost");
	CHECK(tc.p->tcp_port == 22 && tc.p->ssh == 1);
	CHECK_STR(tc.p->user, "guest");
	CHECK_STR(tc.password, "a b\"c");
	CHECK(tc.p->auth == PROF_AUTH_PASSWORD && tc.auth);
	CHECK(tc.warnings != NULL);
	profile_free(tc.p);
	ttcmd_clear(&tc);

	tc.p = profile_new("c");
	CHECK(ttcmd_line(&tc, "ssh://us%40er:p%61ss@host/ /auth=password")
	    == 0);
	CHECK_STR(tc.p->user, "us@er");
	CHECK_STR(tc.password, "pass");
	CHECK_STR(tc.p->host, "host");
	CHECK(tc.p->tcp_port == 22);
	profile_free(tc.p);
	ttcmd_clear(&tc);

	/* A URL without a host says so (found by tests/fuzz/fuzz-ttcmd). */
	tc.p = profile_new("c");
	CHECK(ttcmd_line(&tc, "ssh://taro:secret@ /ssh") == -1);
	CHECK_STR(tc.error, "bad host '' in a URL");
	profile_free(tc.p);
	ttcmd_clear(&tc);

	tc.p = profile_new("c");
	CHECK(ttcmd_line(&tc, "host:23 /nossh /T=1") == 0);
	CHECK(tc.p->ssh == 0 && tc.p->tcp_port == 23);
	profile_free(tc.p);
	ttcmd_clear(&tc);

	tc.p = profile_new("c");
	CHECK(ttcmd_line(&tc, "/C=2 /SPEED=115200 /CPARITY=even") == 0);
	CHECK(tc.p->serial && tc.p->com == 2 && tc.p->speed == 115200);
	CHECK(tc.p->parity == 'E');
	profile_free(tc.p);
	ttcmd_clear(&tc);

	tc.p = profile_new("c");
	CHECK(ttcmd_line(&tc, "host 2222 /ssh /auth=publickey /user=u"
	    " /keyfile=\"C:\\keys\\id_ed25519\" /ask4passwd /KR=EUC-JP") == 0);
	CHECK(tc.p->tcp_port == 2222);
	/* Mapped as a profile's KeyFile: by its name in ~/.ssh. */
	snprintf(want, sizeof want, "%s/.ssh/id_ed25519", getenv("HOME"));
	CHECK_STR(tc.p->keyfile, want);
	CHECK(tc.ask4passwd && tc.p->auth == PROF_AUTH_PUBLICKEY);
	CHECK_STR(tc.p->kanji_recv, "EUC-JP");
	profile_free(tc.p);
	ttcmd_clear(&tc);

	tc.p = profile_new("c");
	CHECK(ttcmd_line(&tc, "[2001:db8::1]:2200 /ssh-L8080:web:80") == 0);
	CHECK_STR(tc.p->host, "2001:db8::1");
	CHECK(tc.p->tcp_port == 2200);
	CHECK_STR(tc.p->forwarding, "L8080:web:80");
	profile_free(tc.p);
	ttcmd_clear(&tc);

	tc.p = profile_new("c");
	CHECK(ttcmd_line(&tc, "host /ssh-bogus") != 0);
	CHECK(tc.error != NULL && strstr(tc.error, "/ssh-bogus") != NULL);
	profile_free(tc.p);
	ttcmd_clear(&tc);

	tc.p = profile_new("c");
	CHECK(ttcmd_line(&tc, "host /KR=Klingon") != 0);
	profile_free(tc.p);
	ttcmd_clear(&tc);
}

static void
test_orders(void)
{
	char	*list, *dropped;

	/* Tera Term 4.108's KexOrder knows ids 1-10: the rest go last. */
	list = algo_decode(ORD_KEX, "567:9843210", &dropped);
	CHECK(list != NULL && strncmp(list, "ecdh-sha2-nistp256,", 19) == 0);
	CHECK(list != NULL && strstr(list, "curve25519-sha256") != NULL);
	/* Ids after the file's own (curve25519 came later) go last. */
	CHECK(list != NULL && strstr(list, "curve25519-sha256") >
	    strstr(list, "diffie-hellman-group1-sha1"));
	free(list);
	free(dropped);

	/* Old gear: group1 turned on and first. */
	list = algo_decode(ORD_KEX, "1567:984320", &dropped);
	CHECK(list != NULL &&
	    strncmp(list, "diffie-hellman-group1-sha1,", 27) == 0);
	free(list);
	free(dropped);

	list = algo_decode(ORD_CIPHER, "K70", &dropped);
	CHECK(list != NULL && strncmp(list, "3des-cbc", 8) == 0);
	CHECK(dropped != NULL && strstr(dropped, "camellia256-ctr") != NULL);
	free(list);
	free(dropped);
}

/* A profile read as a transport's settings (dest.c). */
static void
test_dest(void)
{
	struct profile	*p = profile_new("");
	struct sshdest	 d;
	char		*host = NULL;
	u_int		 port = 0;

	CHECK(dest_kind(p) == DEST_LOCAL);
	CHECK(dest_rfc2217_parse("rfc2217://console.lab:7001", &host,
	    &port) == 0);
	CHECK_STR(host, "console.lab");
	CHECK(port == 7001);
	free(host);
	/* An IPv6 server: the port follows the last ':'. */
	CHECK(dest_rfc2217_parse("rfc2217://::1:2000", &host, &port) == 0);
	CHECK_STR(host, "::1");
	CHECK(port == 2000);
	free(host);
	CHECK(dest_rfc2217_parse("rfc2217://host", &host, &port) != 0);
	CHECK(dest_rfc2217_parse("rfc2217://:23", &host, &port) != 0);
	CHECK(dest_rfc2217_parse("rfc2217://h:0", &host, &port) != 0);
	CHECK(dest_rfc2217_parse("rfc2217://h:65536", &host, &port) != 0);
	CHECK(dest_rfc2217_parse("rfc2217://h:22x", &host, &port) != 0);
	CHECK(dest_rfc2217_parse("serial:/dev/ttyS0", &host, &port) != 0);

	p->serial = 1;
	p->device = xstrdup("rfc2217://h:23");
	CHECK(dest_kind(p) == DEST_RFC2217);
	free(p->device);
	p->device = xstrdup("/dev/ttyUSB0");
	CHECK(dest_kind(p) == DEST_SERIAL);
	p->serial = 0;
	p->host = xstrdup("sw1");
	CHECK(dest_kind(p) == DEST_TELNET);
	CHECK(dest_tcp_port(p) == 23);
	p->ssh = 1;
	CHECK(dest_kind(p) == DEST_SSH);
	CHECK(dest_tcp_port(p) == 22);
	p->tcp_port = 2222;
	CHECK(dest_tcp_port(p) == 2222);
	p->tcp_port = 0;

	/* -i's files beat DefaultRSAPrivateKeyFile; none means ssh_config. */
	p->keyfile = xstrdup("/k/default");
	p->ids = xstrdup("/k/a;/k/b");
	p->ssh_config = xstrdup("none");
	p->heartbeat = -1;
	dest_ssh(p, &d);
	CHECK(d.nids == 2);
	CHECK(d.nids == 2 && strcmp(d.ids[1], "/k/b") == 0);
	CHECK(!d.use_config);
	CHECK(d.port == 0);	/* ssh_config's Port, else 22 */
	CHECK(d.keepalive == 60);
	dest_ssh_free(&d);
	free(p->ids);
	p->ids = NULL;
	free(p->ssh_config);
	p->ssh_config = xstrdup("/etc/alt_config");
	p->tcp_port = 2222;
	dest_ssh(p, &d);
	CHECK(d.nids == 1 && strcmp(d.ids[0], "/k/default") == 0);
	CHECK(d.use_config && d.config != NULL &&
	    strcmp(d.config, "/etc/alt_config") == 0);
	CHECK(d.port == 2222);
	dest_ssh_free(&d);
	profile_free(p);
}

int
main(void)
{
	char	cmd[128];

	ini_text = slurp(SRCDIR "/tests/data/teraterm/TERATERM.INI", &ini_len);
	if (mkdtemp(tmpdir) == NULL)
		return (1);
	RUN(test_shipped_ascii);
	RUN(test_shipped_utf16);
	RUN(test_tt4_cp932);
	RUN(test_windows_semantics);
	RUN(test_dump_round_trip);
	RUN(test_save);
	RUN(test_command_lines);
	RUN(test_orders);
	RUN(test_dest);
	snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
	if (system(cmd) != 0)
		return (1);
	free(ini_text);
	UNIT_EXIT();
}
