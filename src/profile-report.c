/*
 * profile-report.c: what tterm made of a profile (tterm --import), and
 * the documentation of the keys (tterm --list-keys, tterm.ini(5)), both
 * from the keyword table.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tterm.h"

/* Code pages a legacy (Tera Term 4) file may be in. */
static const char *report_codepages[] = {
	"CP932", "CP1252", "CP1251", "CP949", "CP936", "CP950", NULL
};

int
prof_codepage_ok(const char *cp)
{
	u_int	i;

	for (i = 0; report_codepages[i] != NULL; i++) {
		if (strcasecmp(cp, report_codepages[i]) == 0)
			return (0);
	}
	return (-1);
}

/* The algorithm lists a profile's order strings give libssh. */
static void
report_orders(FILE *f, const struct profile *p)
{
	const char	*orders[ORD_COMP + 1];
	char		*list, *dropped, *copy, *name, *last, *t;
	int		 kind;

	orders[ORD_CIPHER] = p->cipher_order;
	orders[ORD_KEX] = p->kex_order;
	orders[ORD_HOSTKEY] = p->hostkey_order;
	orders[ORD_MAC] = p->mac_order;
	orders[ORD_COMP] = p->comp_order;
	for (kind = ORD_CIPHER; kind <= ORD_COMP; kind++) {
		if (orders[kind] == NULL)
			continue;
		list = algo_decode(kind, orders[kind], &dropped);
		fprintf(f, "ssh %s: %s\n", algo_kind_name(kind),
		    list != NULL ? list : _("(libssh's defaults)"));
		if (dropped != NULL)
			fprintf(f, _("ssh %s libssh cannot do (left out):"
			    " %s\n"), algo_kind_name(kind), dropped);
		for (copy = list, t = list; list != NULL &&
		    (name = strtok_r(t, ",", &last)) != NULL; t = NULL) {
			if (!algo_legacy_name(name))
				continue;
			fputs("legacy: ", f);
			fprintf(f, _("%s is on because the profile says so"
			    " (old network gear)\n"), name);
		}
		free(copy);
		free(dropped);
	}
}

/* Each [Hosts] entry read as the command line it is. */
static void
report_hosts(FILE *f, const struct profile *p)
{
	struct ttcmd	 tc;
	u_int		 i;
	int		 user;

	for (i = 0; i < p->nhosts; i++) {
		memset(&tc, 0, sizeof tc);
		tc.p = profile_copy(p);
		free(tc.p->host);
		tc.p->host = NULL;
		user = 0;
		if (ttcmd_line(&tc, p->hosts[i]) == 0)
			user = tc.p->user != NULL && *tc.p->user != '\0';
		fprintf(f, "history %u: %s: ", i + 1, p->hosts[i]);
		if (tc.error != NULL)
			fprintf(f, "problem: %s\n", tc.error);
		else if (tc.p->serial)
			fprintf(f, _("serial COM%d at %d\n"), tc.p->com,
			    tc.p->speed);
		else
			fprintf(f, _("%s %s%s%s port %d\n"), tc.p->ssh ? "ssh" :
			    (tc.p->telnet ? "telnet" : _("raw TCP")), user ?
			    tc.p->user : "", user ? "@" : "",
			    tc.p->host != NULL ? tc.p->host : "?",
			    tc.p->tcp_port > 0 ? tc.p->tcp_port :
			    (tc.p->ssh ? 22 : 23));
		profile_free(tc.p);
		ttcmd_clear(&tc);
	}
}

/* tterm --import: everything the reading did, then what it means. */
void
profile_report_print(FILE *f, const struct profile *p)
{
	const char	*s, *e;
	u_int		 mapped = 0, ignored = 0, unused = 0, unknown = 0;
	u_int		 problems = 0;

	fputs(p->report.data != NULL ? p->report.data : "", f);
	for (s = p->report.data; s != NULL && *s != '\0'; s = e + 1) {
		if ((e = strchr(s, '\n')) == NULL)
			break;
		mapped += strncmp(s, "mapped:", 7) == 0;
		ignored += strncmp(s, "ignored:", 8) == 0;
		unknown += strncmp(s, "unknown:", 8) == 0;
		unused += strncmp(s, "unused:", 7) == 0;
		problems += strncmp(s, "problem:", 8) == 0;
	}
	report_orders(f, p);
	report_hosts(f, p);
	fprintf(f, "connection: %s\n", p->serial ? _("serial") : (p->ssh ?
	    "SSH" : (p->telnet ? "telnet" : _("raw TCP"))));
	fputs("summary: ", f);
	fprintf(f, _("%u mapped, %u ignored, %u unused, %u unknown, %u"
	    " problems, %u history entries\n"), mapped, ignored, unused,
	    unknown, problems, p->nhosts);
}

/* Escape a man page line's leading dot and backslashes. */
static void
report_man_text(FILE *f, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\\')
			fputs("\\e", f);
		else if (*s == '-')
			fputs("\\-", f);
		else
			fputc(*s, f);
	}
}

/* tterm --list-keys: the table as text, or as tterm.ini(5). */
int
prof_keys_print(FILE *f, int man)
{
	const struct prof_key	*k;
	const char		*section = NULL;

	if (man) {
		fprintf(f, ".TH TTERM.INI 5\n.SH NAME\ntterm.ini \\- tterm"
		    " profiles and TERATERM.INI keys\n.SH DESCRIPTION\n"
		    "tterm reads Tera Term's TERATERM.INI (UTF\\-16 with a BOM,"
		    " UTF\\-8, or a legacy code page, CP932 by default) and"
		    " its own profiles in ~/.config/tterm/profiles (UTF\\-8),"
		    " with the same keys. Values are read as Windows reads"
		    " them: ';' and '#' inside a value belong to it, the first"
		    " of duplicate keys wins, names are case\\-insensitive.\n"
		    ".SH KEYS\n");
	}
	for (k = prof_keys; k->key != NULL; k++) {
		if (section == NULL || strcmp(section, k->section) != 0) {
			if (man)
				fprintf(f, ".SS [%s]\n", k->section);
			else
				fprintf(f, "%s[%s]\n", section != NULL ? "\n" :
				    "", k->section);
			section = k->section;
		}
		if (man) {
			fprintf(f, ".TP\n.B %s\n", k->key);
			report_man_text(f, k->help);
			if (k->def != NULL) {
				fputs(" (default ", f);
				report_man_text(f, k->def);
				fputc(')', f);
			}
			fputc('\n', f);
		} else
			fprintf(f, "%-26s %s%s%s%s\n", k->key, k->help,
			    k->def != NULL ? " (default " : "",
			    k->def != NULL ? k->def : "",
			    k->def != NULL ? ")" : "");
	}
	if (man)
		fprintf(f, ".SS [Hosts]\n.TP\n.B Host1 ... Host500\nthe host"
		    " history, newest first: each is the tail of a Tera Term"
		    " command line (host[:port], user@host, ssh:// and telnet://"
		    " URLs, /ssh, /C=N and the other options)\n"
		    ".SH FILES\n.TP\n.I ~/.config/tterm/profiles/NAME.ini\n"
		    "tterm's own profiles, opened with\n.B tterm \\-P NAME\n"
		    ".TP\n.I TERATERM.INI\na Tera Term setup file, opened with"
		    "\n.B tterm /F=FILE\nor\n.BR \"tterm \\-P\" \" path\";\n"
		    ".B tterm \\-\\-import FILE\nreports what tterm makes of"
		    " it\n.SH SEE ALSO\n.BR tterm (1)\n");
	return (0);
}
