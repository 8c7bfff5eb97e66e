/*
 * fuzz-ttcmd.c: a libFuzzer target for Tera Term's command line (ttcmd.c,
 * cmdline.c). The first line of the input is a command line: split as
 * Tera Term splits it, each argument applied to a profile as tterm's own
 * command line does, then the profile's Host as a command line tail (as
 * open.c reads a [tterm] Host). Every further line is a [Hosts] entry,
 * applied to a copy of that profile. The command line's result or the
 * first entry's, as the input's first byte picks, is dumped, read again,
 * and must keep its destination (a round trip costs ten times the parsing:
 * once per input keeps the target at thousands of inputs a second). The
 * command line's profile is also read as a transport's settings (dest.c).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tterm.h"
#include "fuzz.h"

/*
 * Whether a value goes through an INI line unchanged: printable ASCII, not
 * blank at either end (a profile is UTF-8 text; values are trimmed).
 */
static int
fuzz_plain(const char *s)
{
	size_t	i, n = strlen(s);

	if (n == 0 || s[0] == ' ' || s[n - 1] == ' ')
		return (0);
	for (i = 0; i < n; i++) {
		if (s[i] < 0x20 || s[i] > 0x7e)
			return (0);
	}
	return (1);
}

/* A profile's dump read back has the same destination. */
static void
fuzz_dump(const struct profile *p)
{
	struct profile	*q;
	char		*dump;

	dump = profile_dump(p);
	q = profile_parse("again", dump, strlen(dump), NULL);
	FUZZ_CHECK(q->tcp_port == p->tcp_port);
	FUZZ_CHECK(q->ssh == p->ssh);
	if (p->host != NULL && fuzz_plain(p->host))
		FUZZ_CHECK(q->host != NULL && strcmp(q->host, p->host) == 0);
	profile_free(q);
	free(dump);
}

/* The profile read as a transport's settings (dest.c): in range. */
static void
fuzz_dest(const struct profile *p)
{
	struct sshdest		 d;
	struct serial_opts	 o;
	struct telnet_opts	 to;
	char			*path, *host, *name;
	u_int			 port;

	switch (dest_kind(p)) {
	case DEST_RFC2217:
		if (dest_rfc2217_parse(p->device, &host, &port) == 0) {
			FUZZ_CHECK(port >= 1 && port <= 65535);
			free(host);
		}
		/* FALLTHROUGH */
	case DEST_SERIAL:
		dest_serial(p, &o, &path);
		FUZZ_CHECK(o.path == path);
		free(path);
		break;
	case DEST_SSH:
		dest_ssh(p, &d);
		FUZZ_CHECK(d.nids <= SSHC_MAX_IDS && d.port <= 65535);
		dest_ssh_free(&d);
		break;
	case DEST_TELNET:
		dest_telnet(p, &to);
		FUZZ_CHECK(to.port >= 1 && to.port <= 65535);
		break;
	default:
		break;
	}
	name = dest_name(p);
	free(name);
}

/* The first line, as main() takes a Tera Term style command line. */
static void
fuzz_command_line(char *line, int dump)
{
	struct ttcmd	 tc;
	char		**argv, *ini;
	u_int		  argc;

	argv = ttcmd_split(line);
	for (argc = 0; argv[argc] != NULL; argc++)
		FUZZ_CHECK(strlen(argv[argc]) <= strlen(line));
	cmdline_teraterm_style(argc, argv);
	ini = ttcmd_inifile(argv);
	free(ini);

	memset(&tc, 0, sizeof tc);
	tc.p = profile_new("");
	tc.p->ssh = 1;
	for (argc = 0; argv[argc] != NULL; argc++) {
		if (ttcmd_arg(&tc, argv[argc]) < 0)
			break;
	}
	FUZZ_CHECK(tc.p->tcp_port >= 0 && tc.p->tcp_port <= 65535);
	if (tc.error == NULL && open_host_line(&tc) != 0)
		FUZZ_CHECK(tc.error != NULL);
	ttcmd_free_argv(argv);
	fuzz_dest(tc.p);
	if (dump)
		fuzz_dump(tc.p);
	profile_free(tc.p);
	ttcmd_clear(&tc);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct profile	*base;
	struct ttcmd	 tc;
	char		*text, *next, *line;
	u_int		 entries = 0;
	int		 dump_line;

	text = fuzz_string(data, size);
	next = text;
	if (!file_line(&next, text + size, &line)) {
		free(text);
		return (0);
	}
	base = profile_new("");
	base->ssh = 1;
	dump_line = (size > 0 && (data[0] & 1));
	fuzz_command_line(line, dump_line);
	while (file_line(&next, text + size, &line)) {
		memset(&tc, 0, sizeof tc);
		tc.p = profile_copy(base);
		if (ttcmd_line(&tc, line) != 0)
			FUZZ_CHECK(tc.error != NULL);
		if (entries++ == 0 && !dump_line)
			fuzz_dump(tc.p);
		profile_free(tc.p);
		ttcmd_clear(&tc);
	}
	profile_free(base);
	free(text);
	return (0);
}
