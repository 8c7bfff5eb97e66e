/*
 * xfer-cmd.c: which of lrzsz's programs carries a protocol one way, as a
 * command line for sh: the program, its options and the file names,
 * quoted. The receiving programs that take the sender's names (rb, rz)
 * need none; XMODEM carries no name, so rx writes the one it is given and
 * sx sends one file only.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tterm.h"

/* As the form lists them, by XFER_XMODEM and the others. */
const char *xfer_protocols[] = {
	N_("XMODEM (checksum)"), "XMODEM (CRC)", "XMODEM-1K", "YMODEM",
	"ZMODEM", NULL
};

/*
 * The program and options for each protocol, sending and receiving. A
 * sender cannot choose checksum or CRC (the receiver asks for one), only
 * the block size; a receiver asking for CRC takes 1K blocks too.
 */
static const char *xfer_programs[][2] = {
	{ "sx -b", "rx -b" },		/* XFER_XMODEM */
	{ "sx -b", "rx -b -c" },	/* XFER_XMODEM_CRC */
	{ "sx -b -k", "rx -b -c" },	/* XFER_XMODEM_1K */
	{ "sb -b -k", "rb -b -E" },	/* XFER_YMODEM */
	{ "sz -b", "rz -b -E" },	/* XFER_ZMODEM */
};

/* A name typed by the user: a leading ~/ is the home folder. */
char *
xfer_cmd_path(const char *name)
{
	const char	*home = getenv("HOME");
	char		*s;

	if (name[0] == '~' && name[1] == '/' && home != NULL && *home != '\0') {
		xasprintf(&s, "%s%s", home, name + 1);
		return (s);
	}
	return (xstrdup(name));
}

/* The files to send, each readable, quoted onto cmd; how many, or -1. */
static int
xfer_cmd_files(struct buf *cmd, char **argv, char **cause)
{
	char	*path;
	int	 n;

	for (n = 0; argv[n] != NULL; n++) {
		path = xfer_cmd_path(argv[n]);
		if (access(path, R_OK) != 0) {
			xasprintf(cause, _("cannot read %s: %s"), path,
			    strerror(errno));
			free(path);
			return (-1);
		}
		buf_add(cmd, " ", 1);
		buf_add_quoted(cmd, path);
		free(path);
	}
	return (n);
}

/*
 * The command for protocol proto, sending the files named in names
 * (blanks between them, a name with blanks in "..."), or receiving
 * (XMODEM: into the one name given, which *file gets; the others
 * ignore names). The command goes to *cmd; -1 with cause if the names
 * do not do.
 */
int
xfer_command(int proto, int send, const char *names, char **cmd,
    char **file, char **cause)
{
	struct buf	  b;
	char		**argv;
	int		  n, xmodem = proto < XFER_YMODEM;

	*cmd = *file = NULL;
	if (proto < 0 || proto > XFER_ZMODEM) {
		*cause = xstrdup(_("no such protocol"));
		return (-1);
	}
	memset(&b, 0, sizeof b);
	buf_printf(&b, "%s --", xfer_programs[proto][!send]);
	argv = ttcmd_split(names != NULL ? names : "");
	for (n = 0; argv[n] != NULL; n++)
		;
	if (xmodem && n > 1)
		*cause = xstrdup(_("XMODEM takes one file at a time"));
	else if ((send || xmodem) && n == 0)
		*cause = xstrdup(_("no file named"));
	else if (!send && xmodem && (strchr(argv[0], '/') != NULL ||
	    strcmp(argv[0], ".") == 0 || strcmp(argv[0], "..") == 0))
		*cause = xstrdup(_("a file name, without a folder: it "
		    "goes into the download folder (FileDir)"));
	else if (send && xfer_cmd_files(&b, argv, cause) == -1)
		;
	else {
		if (!send && xmodem) {
			buf_add(&b, " ", 1);
			buf_add_quoted(&b, argv[0]);
			*file = xstrdup(argv[0]);
		}
		*cmd = xstrdup(b.data);
	}
	ttcmd_free_argv(argv);
	buf_free(&b);
	return (*cmd != NULL ? 0 : -1);
}
