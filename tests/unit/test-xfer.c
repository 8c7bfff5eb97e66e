/*
 * test-xfer.c: the lrzsz command lines for each protocol and direction:
 * the program and its options, names quoted for sh (a quote in a name
 * too), XMODEM's one file, a receive's name without a folder, files
 * that cannot be read refused before anything runs.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tterm.h"
#include "unit.h"

static char	tmpdir[] = "/tmp/tterm-xfer-XXXXXX";

static char *
path(const char *name)
{
	char	*p;
	FILE	*f;

	xasprintf(&p, "%s/%s", tmpdir, name);
	if ((f = fopen(p, "w")) != NULL)
		fclose(f);
	return (p);
}

static void
test_receive(void)
{
	char	*cmd, *file, *cause = NULL;

	CHECK(xfer_command(XFER_XMODEM, 0, "fw.bin", &cmd, &file, &cause) == 0);
	CHECK_STR(cmd, "rx -b -- 'fw.bin'");
	CHECK_STR(file, "fw.bin");
	free(cmd);
	free(file);
	CHECK(xfer_command(XFER_XMODEM_1K, 0, "\"a b\"", &cmd, &file,
	    &cause) == 0);
	CHECK_STR(cmd, "rx -b -c -- 'a b'");
	free(cmd);
	free(file);
	CHECK(xfer_command(XFER_YMODEM, 0, "", &cmd, &file, &cause) == 0);
	CHECK_STR(cmd, "rb -b -E --");
	CHECK(file == NULL);
	free(cmd);
	CHECK(xfer_command(XFER_ZMODEM, 0, NULL, &cmd, &file, &cause) == 0);
	CHECK_STR(cmd, "rz -b -E --");
	free(cmd);
	/* XMODEM carries no name: one is needed, without a folder. */
	CHECK(xfer_command(XFER_XMODEM_CRC, 0, "", &cmd, &file, &cause) == -1);
	CHECK(cmd == NULL && cause != NULL);
	free(cause);
	cause = NULL;
	CHECK(xfer_command(XFER_XMODEM_CRC, 0, "../x", &cmd, &file,
	    &cause) == -1);
	free(cause);
	cause = NULL;
	CHECK(xfer_command(XFER_XMODEM_CRC, 0, "..", &cmd, &file,
	    &cause) == -1);
	free(cause);
}

static void
test_send(void)
{
	char	*a = path("one.bin"), *b = path("it's here"), *names, *want;
	char	*cmd, *file, *cause = NULL;

	xasprintf(&names, "%s \"%s\"", a, b);
	CHECK(xfer_command(XFER_YMODEM, 1, names, &cmd, &file, &cause) == 0);
	xasprintf(&want, "sb -b -k -- '%s' '%s/it'\\''s here'", a, tmpdir);
	CHECK_STR(cmd, want);
	CHECK(file == NULL);
	free(cmd);
	free(want);
	/* XMODEM sends one file. */
	CHECK(xfer_command(XFER_XMODEM, 1, names, &cmd, &file, &cause) == -1);
	CHECK(cause != NULL && strstr(cause, "one file") != NULL);
	free(cause);
	cause = NULL;
	CHECK(xfer_command(XFER_XMODEM_1K, 1, a, &cmd, &file, &cause) == 0);
	xasprintf(&want, "sx -b -k -- '%s'", a);
	CHECK_STR(cmd, want);
	free(cmd);
	free(want);
	/* A file that is not there: refused, named. */
	CHECK(xfer_command(XFER_ZMODEM, 1, "/nonexistent/x", &cmd, &file,
	    &cause) == -1);
	CHECK(cause != NULL && strstr(cause, "/nonexistent/x") != NULL);
	free(cause);
	cause = NULL;
	CHECK(xfer_command(XFER_ZMODEM, 1, "", &cmd, &file, &cause) == -1);
	free(cause);
	free(names);
	unlink(a);
	unlink(b);
	free(a);
	free(b);
}

static void
test_home(void)
{
	char	*p;

	setenv("HOME", "/home/u", 1);
	p = xfer_cmd_path("~/fw.bin");
	CHECK_STR(p, "/home/u/fw.bin");
	free(p);
	p = xfer_cmd_path("~x/fw.bin");
	CHECK_STR(p, "~x/fw.bin");
	free(p);
}

int
main(void)
{
	if (mkdtemp(tmpdir) == NULL)
		return (1);
	RUN(test_receive);
	RUN(test_send);
	RUN(test_home);
	rmdir(tmpdir);
	UNIT_EXIT();
}
