/*
 * profile-report.c: what tterm made of a profile (tterm --import), and
 * the documentation of the keys (tterm --list-keys, tterm.ini(5)), both
 * from the keyword table.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tterm.h"
#include "ssh-lib.h"

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
	char		*list, *dropped, *copy, *name, *last, *t, *cause;
	int		 kind;

	orders[ORD_CIPHER] = p->cipher_order;
	orders[ORD_KEX] = p->kex_order;
	orders[ORD_HOSTKEY] = p->hostkey_order;
	orders[ORD_MAC] = p->mac_order;
	orders[ORD_COMP] = p->comp_order;
	for (kind = ORD_CIPHER; kind <= ORD_COMP; kind++) {
		if (orders[kind] == NULL)
			continue;
		/* Which names libssh can do is libssh's to say. */
		if (sshlib_load(&cause) != 0) {
			fprintf(f, _("ssh algorithms: not checked (%s)\n"),
			    cause);
			free(cause);
			return;
		}
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

/* Everything the reading did, then what it means. */
static void
report_write(FILE *f, const struct profile *p)
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

/*
 * tterm --import: the report, without the file's control characters (its
 * values are quoted in it: an escape sequence in a downloaded
 * TERATERM.INI must not reach the terminal).
 */
void
profile_report_print(FILE *f, const struct profile *p)
{
	FILE	*m;
	char	*out = NULL, *clean;
	size_t	 len = 0;

	if ((m = open_memstream(&out, &len)) == NULL) {
		fprintf(f, "%s\n", strerror(errno));
		return;
	}
	report_write(m, p);
	fclose(m);
	clean = text_clean(out, 1);
	fputs(clean, f);
	free(clean);
	free(out);
}

/*
 * A line of text on a man page: backslashes and hyphens escaped, and a
 * leading dot or quote kept from being read as a request. With ap, the
 * text is a format: each %s is the next argument as it is (roff: a
 * command in bold), %% a %.
 */
static void
report_man_line(FILE *f, const char *s, va_list *ap)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", f);
	for (; *s != '\0'; s++) {
		if (ap != NULL && s[0] == '%' && s[1] == 's') {
			fputs(va_arg(*ap, const char *), f);
			s++;
		} else if (ap != NULL && s[0] == '%' && s[1] == '%') {
			fputc('%', f);
			s++;
		} else if (*s == '\\')
			fputs("\\e", f);
		else if (*s == '-')
			fputs("\\-", f);
		else
			fputc(*s, f);
	}
	fputc('\n', f);
}

static void
report_man_text(FILE *f, const char *s)
{
	report_man_line(f, s, NULL);
}

/* A sentence of tterm.ini(5) that names commands (%s, in roff). */
static void
report_man_say(FILE *f, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	report_man_line(f, fmt, &ap);
	va_end(ap);
}

/* tterm.ini(5) up to the keys. */
static void
report_man_head(FILE *f)
{
	/* The coding line tells man and preconv: translations are UTF-8. */
	fputs(".\\\" -*- coding: UTF-8 -*-\n.TH TTERM.INI 5\n.SH ", f);
	/* TRANSLATORS: a section heading of the man page tterm.ini(5). */
	report_man_text(f, _("NAME"));
	fputs("tterm.ini \\- ", f);
	report_man_text(f, _("tterm profiles and TERATERM.INI keys"));
	fputs(".SH ", f);
	/* TRANSLATORS: a section heading of the man page tterm.ini(5). */
	report_man_text(f, _("DESCRIPTION"));
	report_man_text(f, _("tterm reads Tera Term's TERATERM.INI (UTF-16 with"
	    " a BOM, UTF-8, or a legacy code page, CP932 by default) and its"
	    " own profiles in ~/.config/tterm/profiles (UTF-8), with the same"
	    " keys. Values are read as Windows reads them: ';' and '#' inside"
	    " a value belong to it, the first of duplicate keys wins, names are"
	    " case-insensitive."));
	fputs(".SH ", f);
	/* TRANSLATORS: a section heading of the man page tterm.ini(5). */
	report_man_text(f, _("KEYS"));
}

/* tterm.ini(5) after the keys: [Hosts], the files, the other pages. */
static void
report_man_tail(FILE *f)
{
	fputs(".SS [Hosts]\n.TP\n.B Host1 ... Host500\n", f);
	report_man_text(f, _("the host history, newest first: each is the tail"
	    " of a Tera Term command line (host[:port], user@host, ssh:// and"
	    " telnet:// URLs, /ssh, /C=N and the other options)"));
	fputs(".SH ", f);
	/* TRANSLATORS: a section heading of the man page tterm.ini(5). */
	report_man_text(f, _("FILES"));
	fputs(".TP\n.I ~/.config/tterm/profiles/NAME.ini\n", f);
	report_man_say(f, _("tterm's own profiles, opened with %s"),
	    "\\fBtterm \\-P NAME\\fR");
	fputs(".TP\n.I TERATERM.INI\n", f);
	report_man_say(f, _("a Tera Term setup file, opened with %s or %s; %s"
	    " reports what tterm makes of it"), "\\fBtterm /F=FILE\\fR",
	    "\\fBtterm \\-P\\fR \\fIpath\\fR", "\\fBtterm \\-\\-import FILE\\fR");
	fputs(".SH ", f);
	/* TRANSLATORS: a section heading of the man page tterm.ini(5). */
	report_man_text(f, _("SEE ALSO"));
	fputs(".BR tterm (1)\n", f);
}

/* A key's help, with its default when it has one. */
static char *
report_key_help(const struct prof_key *k)
{
	char	*s, *def;

	if (k->def == NULL)
		return (xstrdup(_(k->help)));
	/* TRANSLATORS: after a profile key's help; %s is its value. */
	xasprintf(&def, _("(default %s)"), k->def);
	xasprintf(&s, "%s %s", _(k->help), def);
	free(def);
	return (s);
}

/* tterm --list-keys: the table as text, or as tterm.ini(5). */
int
prof_keys_print(FILE *f, int man)
{
	const struct prof_key	*k;
	const char		*section = NULL;
	char			*help;

	if (man)
		report_man_head(f);
	for (k = prof_keys; k->key != NULL; k++) {
		if (section == NULL || strcmp(section, k->section) != 0) {
			if (man)
				fprintf(f, ".SS [%s]\n", k->section);
			else
				fprintf(f, "%s[%s]\n", section != NULL ? "\n" :
				    "", k->section);
			section = k->section;
		}
		help = report_key_help(k);
		if (man) {
			fprintf(f, ".TP\n.B %s\n", k->key);
			report_man_text(f, help);
		} else
			fprintf(f, "%-26s %s\n", k->key, help);
		free(help);
	}
	if (man)
		report_man_tail(f);
	return (0);
}
