/*
 * ui-term.c: 24-bit colour on outer terminals that say they have it but
 * whose terminfo entry does not. COLORTERM=truecolor (or 24bit), or tmux's
 * Tc flag, is how terminals tell; ncurses sends direct colour only for an
 * entry with RGB, and Debian's xterm-256color and tmux-256color have none
 * (the *-direct entries are in ncurses-term, not installed by default).
 * Such a terminal gets an entry of its own: TERM's with RGB, 2^24 colours
 * and setaf/setab that send 38;2;R;G;B and 48;2;R;G;B (30-37 and 40-47 for
 * the first eight, as ncurses' direct entries do). tic (Essential on
 * Debian) compiles it once into tterm's cache folder, where later starts
 * find it; curses starts on it with newterm(). When anything fails,
 * curses starts on TERM as it is. An entry that has RGB already gives the
 * same entry again (whether it has cannot be asked before curses starts:
 * ncurses' term.h, which could, names a struct term of its own).
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/wait.h>

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tterm.h"

extern char **environ;

/* A colour number N (parameter 1) as ncurses' direct entries send it. */
#define UI_TERM_RGB(sgr) \
	"%?%p1%{8}%<%t" sgr "%p1%d%e" sgr "8;2;%p1%{65536}%/%d;" \
	"%p1%{256}%/%{255}%&%d;%p1%{255}%&%d%;m"

/* Whether the outer terminal says it takes 24-bit colour. */
static int
ui_term_says_direct(void)
{
	const char	*ct = getenv("COLORTERM");

	return (ct != NULL && (strcmp(ct, "truecolor") == 0 ||
	    strcmp(ct, "24bit") == 0));
}

/*
 * <term.h>'s, which cannot be included beside tterm.h (both have a struct
 * term): enough to read one flag of TERM's entry before curses starts.
 */
int	setupterm(const char *, int, int *);
int	del_curterm(void *);
extern void *cur_term;

/*
 * Whether TERM's entry has tmux's Tc (24-bit colour) without ncurses'
 * RGB, which ncurses alone would not act on.
 */
static int
ui_term_has_tc(void)
{
	int	err, tc;

	if (setupterm(NULL, STDOUT_FILENO, &err) != 0)
		return (0);
	tc = tigetflag("Tc") > 0 && tigetflag("RGB") <= 0;
	del_curterm(cur_term);
	return (tc);
}

/* Whether term is a name tic and the file system both take as it is. */
static int
ui_term_name_ok(const char *term)
{
	size_t	n = strlen(term);

	return (n > 0 && n < 64 && term[0] != '-' && term[0] != '.' &&
	    strspn(term, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.+_-") == n);
}

/* The cache folder for compiled entries, made if missing; NULL if not. */
static char *
ui_term_dir(void)
{
	const char	*xdg = getenv("XDG_CACHE_HOME");
	const char	*home = getenv("HOME");
	char		*dir, *cause = NULL;

	if (xdg != NULL && *xdg == '/')
		xasprintf(&dir, "%s/tterm/terminfo/", xdg);
	else if (home != NULL && *home == '/')
		xasprintf(&dir, "%s/.cache/tterm/terminfo/", home);
	else
		return (NULL);
	if (profile_mkdirs(dir, &cause) != 0) {
		log_debug("%s: %s", __func__, cause);
		free(cause);
		free(dir);
		return (NULL);
	}
	return (dir);
}

/* Run tic on file, writing into dir; 0 if it succeeded. */
static int
ui_term_tic(const char *dir, const char *file)
{
	posix_spawn_file_actions_t	 fa;
	char				 tic[] = "tic", x[] = "-x", o[] = "-o";
	char				*argv[] = { tic, x, o, (char *)dir,
	    (char *)file, NULL };
	pid_t				 pid;
	int				 st, r;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null",
	    O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null",
	    O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null",
	    O_WRONLY, 0);
	r = posix_spawnp(&pid, "tic", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (r != 0)
		return (-1);
	while (waitpid(pid, &st, 0) == -1) {
		if (errno != EINTR)
			return (-1);
	}
	return (WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1);
}

/* Compile entry name, term's with direct colour, into dir. */
static int
ui_term_compile(const char *dir, const char *name, const char *term)
{
	char	*file;
	FILE	*f;
	int	 fd, r = -1;

	xasprintf(&file, "%s%s.ti.XXXXXX", dir, name);
	if ((fd = mkstemp(file)) == -1 || (f = fdopen(fd, "w")) == NULL) {
		if (fd != -1)
			close(fd);
		goto out;
	}
	fprintf(f, "%s|%s with direct colour (made by tterm),\n", name, term);
	fputs("\tRGB, colors#0x1000000, pairs#0x10000, ccc@, initc@,\n"
	    "\tsetaf=\\E[" UI_TERM_RGB("3") ",\n"
	    "\tsetab=\\E[" UI_TERM_RGB("4") ",\n", f);
	fprintf(f, "\tuse=%s,\n", term);
	if (fclose(f) == 0)
		r = ui_term_tic(dir, file);
out:
	if (fd != -1)
		unlink(file);
	free(file);
	log_debug("%s: %s in %s: %s", __func__, name, dir, r == 0 ? "made" :
	    "failed");
	return (r);
}

/* Whether dir has a compiled entry name (letter or hex folders). */
static int
ui_term_exists(const char *dir, const char *name)
{
	char	*path;
	int	 ok;

	xasprintf(&path, "%s/%c/%s", dir, name[0], name);
	ok = access(path, R_OK) == 0;
	free(path);
	if (!ok) {
		xasprintf(&path, "%s/%02x/%s", dir, (u_char)name[0], name);
		ok = access(path, R_OK) == 0;
		free(path);
	}
	return (ok);
}

/*
 * newterm() on name, looked up in dir only. A newterm() that fails keeps
 * memory it allocated, so an entry that is not there is not tried.
 */
static SCREEN *
ui_term_new(const char *dir, const char *name)
{
	char	*old = getenv("TERMINFO");
	SCREEN	*s;

	if (!ui_term_exists(dir, name))
		return (NULL);
	if (old != NULL)
		old = xstrdup(old);
	setenv("TERMINFO", dir, 1);
	s = newterm(name, stdout, stdin);
	/* The tabs' programs inherit the environment: put it back. */
	if (old != NULL)
		setenv("TERMINFO", old, 1);
	else
		unsetenv("TERMINFO");
	free(old);
	return (s);
}

/*
 * Start curses on an entry with direct colour when the outer terminal
 * says it takes 24-bit colour (COLORTERM, or tmux's Tc in TERM's entry);
 * 0 if it started, -1 to start it on TERM.
 */
int
ui_term_direct(void)
{
	const char	*term = getenv("TERM");
	char		*dir = NULL, *name = NULL;
	SCREEN		*s;

	if (term == NULL || !ui_term_name_ok(term) ||
	    (!ui_term_says_direct() && !ui_term_has_tc()))
		return (-1);
	if ((dir = ui_term_dir()) == NULL)
		return (-1);
	xasprintf(&name, "%s-tterm-direct", term);
	if ((s = ui_term_new(dir, name)) == NULL &&
	    ui_term_compile(dir, name, term) == 0)
		s = ui_term_new(dir, name);
	log_debug("%s: %s %s", __func__, name, s != NULL ? "started" :
	    "failed");
	free(name);
	free(dir);
	return (s != NULL ? 0 : -1);
}
