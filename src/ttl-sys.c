/*
 * ttl-sys.c: TTL's arrays, files, folders, time, environment and other
 * system commands. Relative names are relative to the macro's folder
 * (setdir changes it); Windows paths are mapped by ttl_path().
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tterm.h"
#include "ttl-int.h"

static int
ttl_dim(struct ttl *vm, struct ttl_cursor *c, enum ttl_vtype type)
{
	const struct ttl_token	*t = c->i < c->l->ntok ? &c->l->tok[c->i] : NULL;
	struct ttl_var		*v;
	int32_t			 n;
	u_int			 i;

	if (t == NULL || t->type != TK_ID)
		return (ttl_error(vm, "an array name is needed"));
	c->i++;
	if (ttl_arg_int(vm, c, &n) != 0 || ttl_arg_end(vm, c) != 0)
		return (-1);
	if (n < 1 || n > TTL_ARRAY_MAX)
		return (ttl_error(vm, "an array has 1 to %d elements",
		    TTL_ARRAY_MAX));
	if (ttl_var_find(vm, t->s) != NULL)
		return (ttl_error(vm, "'%s' is defined already", t->s));
	v = ttl_var_make(vm, t->s, type);
	v->size = (u_int)n;
	if (type == TV_INTARR)
		v->ia = xcalloc(n, sizeof *v->ia);
	else {
		v->sa = xcalloc(n, sizeof *v->sa);
		for (i = 0; i < (u_int)n; i++)
			v->sa[i] = xstrdup("");
	}
	return (0);
}

TTL_CMD(intdim)
{
	return (ttl_dim(vm, c, TV_INTARR));
}

TTL_CMD(strdim)
{
	return (ttl_dim(vm, c, TV_STRARR));
}

/* ifdefined name: 0 none, 1 int, 3 string, 4 label, 5/6 arrays. */
TTL_CMD(ifdefined)
{
	const struct ttl_token	*t = c->i < c->l->ntok ? &c->l->tok[c->i] : NULL;
	struct ttl_var		*v;
	u_int			 line;
	int32_t			 r = 0;

	if (t == NULL || t->type != TK_ID)
		return (ttl_error(vm, "a name is needed"));
	c->i++;
	if ((v = ttl_var_find(vm, t->s)) != NULL)
		r = v->type == TV_INT ? 1 : v->type == TV_STR ? 3 :
		    v->type == TV_INTARR ? 5 : 6;
	else if (ttl_file_label(vm->f, t->s, &line))
		r = 4;
	ttl_set_int(vm, "result", r);
	return (ttl_arg_end(vm, c));
}

TTL_CMD(getenv)
{
	struct ttl_ref	 r;
	char		*name;
	const char	*v;
	int		 rc;

	if (ttl_arg_str(vm, c, &name) != 0)
		return (-1);
	if (ttl_arg_ref(vm, c, TV_STR, &r) != 0 || ttl_arg_end(vm, c) != 0) {
		free(name);
		return (-1);
	}
	if ((v = getenv(name)) == NULL && strcasecmp(name, "USERPROFILE") == 0)
		v = getenv("HOME");
	rc = ttl_ref_set_str(vm, &r, v != NULL ? v : "", v != NULL ?
	    strlen(v) : 0);
	free(name);
	return (rc);
}

TTL_CMD(setenv)
{
	char	*name, *value;

	if (ttl_arg_str(vm, c, &name) != 0)
		return (-1);
	if (ttl_arg_str(vm, c, &value) != 0) {
		free(name);
		return (-1);
	}
	if (*name != '\0' && strchr(name, '=') == NULL)
		setenv(name, value, 1);
	free(name);
	free(value);
	return (ttl_arg_end(vm, c));
}

/*
 * getdate and gettime: strftime, in a time zone if one is given. The
 * format is the macro's: strftime takes no arguments from it.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static int
ttl_date(struct ttl *vm, struct ttl_cursor *c, const char *def)
{
	struct ttl_ref	 r;
	char		*fmt = NULL, *tz = NULL, *old = NULL, out[512];
	const char	*was;
	time_t		 now = time(NULL);
	struct tm	 tm;
	size_t		 n;

	if (ttl_arg_ref(vm, c, TV_STR, &r) != 0)
		return (-1);
	if (ttl_arg_more(c) && ttl_arg_str(vm, c, &fmt) != 0)
		return (-1);
	if (ttl_arg_more(c) && ttl_arg_str(vm, c, &tz) != 0) {
		free(fmt);
		return (-1);
	}
	if (ttl_arg_end(vm, c) != 0) {
		free(fmt);
		free(tz);
		return (-1);
	}
	if (tz != NULL) {
		if ((was = getenv("TZ")) != NULL)
			old = xstrdup(was);
		setenv("TZ", tz, 1);
		tzset();
	}
	localtime_r(&now, &tm);
	n = strftime(out, sizeof out, fmt != NULL && *fmt != '\0' ? fmt : def,
	    &tm);
	if (tz != NULL) {
		if (old != NULL)
			setenv("TZ", old, 1);
		else
			unsetenv("TZ");
		tzset();
	}
	ttl_set_int(vm, "result", 0);
	free(old);
	free(fmt);
	free(tz);
	return (ttl_ref_set_str(vm, &r, out, n));
}
#pragma GCC diagnostic pop

TTL_CMD(getdate)
{
	return (ttl_date(vm, c, "%Y-%m-%d"));
}

TTL_CMD(gettime)
{
	return (ttl_date(vm, c, "%H:%M:%S"));
}

TTL_CMD(random)
{
	struct ttl_ref	r;
	int32_t		max;
	uint32_t	n;

	if (ttl_arg_ref(vm, c, TV_INT, &r) != 0 ||
	    ttl_arg_int(vm, c, &max) != 0 || ttl_arg_end(vm, c) != 0)
		return (-1);
	if (max < 0)
		return (ttl_error(vm, "random needs a maximum of 0 or more"));
	n = arc4random_uniform((uint32_t)max + 1);
	return (ttl_ref_set_int(vm, &r, (int32_t)n));
}

TTL_CMD(beep)
{
	int32_t	n = 0;

	if (ttl_arg_more(c) && ttl_arg_int(vm, c, &n) != 0)
		return (-1);
	vm->host->beep(vm->data);
	return (ttl_arg_end(vm, c));
}

TTL_CMD(setexitcode)
{
	int32_t	n;

	if (ttl_arg_int(vm, c, &n) != 0 || ttl_arg_end(vm, c) != 0)
		return (-1);
	vm->exitcode = n;
	return (0);
}

/* getdir var: the folder relative names are in; setdir dir changes it. */
TTL_CMD(getdir)
{
	struct ttl_ref	r;

	if (ttl_arg_ref(vm, c, TV_STR, &r) != 0 || ttl_arg_end(vm, c) != 0)
		return (-1);
	return (ttl_ref_set_str(vm, &r, vm->cwd, strlen(vm->cwd)));
}

TTL_CMD(setdir)
{
	struct stat	 sb;
	char		*s, *path;

	if (ttl_arg_str(vm, c, &s) != 0)
		return (-1);
	path = ttl_path(vm, s);
	free(s);
	if (ttl_arg_end(vm, c) != 0 || stat(path, &sb) != 0 ||
	    !S_ISDIR(sb.st_mode)) {
		ttl_error(vm, "setdir: %s is not a folder", path);
		free(path);
		return (-1);
	}
	free(vm->cwd);
	vm->cwd = path;
	return (0);
}

/* Whether the macro may change files; an error if not. */
static int
ttl_may_write(struct ttl *vm)
{
	if (vm->host->may_write != NULL && !vm->host->may_write(vm->data))
		return (ttl_error(vm, "this macro may not change files"));
	return (0);
}

/* A string argument read as a path (the caller frees it). */
static int
ttl_arg_path(struct ttl *vm, struct ttl_cursor *c, char **path)
{
	char	*s;

	if (ttl_arg_str(vm, c, &s) != 0)
		return (-1);
	*path = ttl_path(vm, s);
	free(s);
	return (0);
}

static int
ttl_handle_arg(struct ttl *vm, struct ttl_cursor *c, FILE **fp, int32_t *h)
{
	if (ttl_arg_int(vm, c, h) != 0)
		return (-1);
	if (*h < 0 || *h >= TTL_FILES || vm->fh[*h].fp == NULL)
		return (ttl_error(vm, "file handle %d is not open", *h));
	*fp = vm->fh[*h].fp;
	return (0);
}

static int
ttl_open_file(struct ttl *vm, struct ttl_cursor *c, int create)
{
	struct ttl_ref	 r;
	char		*path;
	int32_t		 append = 0, ro = 0, h;
	FILE		*fp;

	if (ttl_may_write(vm) != 0)
		return (-1);
	if (ttl_arg_ref(vm, c, TV_INT, &r) != 0 || ttl_arg_path(vm, c, &path))
		return (-1);
	if ((!create && ttl_arg_int(vm, c, &append) != 0) ||
	    (!create && ttl_arg_more(c) && ttl_arg_int(vm, c, &ro) != 0) ||
	    ttl_arg_end(vm, c) != 0) {
		free(path);
		return (-1);
	}
	for (h = 0; h < TTL_FILES && vm->fh[h].fp != NULL; h++)
		;
	if (create)
		fp = fopen(path, "w+");
	else if (ro)
		fp = fopen(path, "r");
	else if ((fp = fopen(path, "r+")) == NULL && errno == ENOENT)
		fp = fopen(path, "w+");
	free(path);
	if (h == TTL_FILES || fp == NULL) {
		if (fp != NULL)
			fclose(fp);
		ttl_set_int(vm, "result", -1);
		return (ttl_ref_set_int(vm, &r, -1));
	}
	if (append)
		fseek(fp, 0, SEEK_END);
	vm->fh[h].fp = fp;
	ttl_set_int(vm, "result", 0);
	return (ttl_ref_set_int(vm, &r, h));
}

TTL_CMD(fileopen)
{
	return (ttl_open_file(vm, c, 0));
}

TTL_CMD(filecreate)
{
	return (ttl_open_file(vm, c, 1));
}

TTL_CMD(fileclose)
{
	FILE	*fp;
	int32_t	 h;

	if (ttl_handle_arg(vm, c, &fp, &h) != 0 || ttl_arg_end(vm, c) != 0)
		return (-1);
	fclose(fp);
	vm->fh[h].fp = NULL;
	return (0);
}

/* filereadln h var: result 1 at the end of the file, as Tera Term. */
TTL_CMD(filereadln)
{
	struct ttl_ref	 r;
	FILE		*fp;
	char		*line = NULL;
	size_t		 size = 0;
	ssize_t		 n;
	int32_t		 h;
	int		 rc;

	if (ttl_handle_arg(vm, c, &fp, &h) != 0 ||
	    ttl_arg_ref(vm, c, TV_STR, &r) != 0 || ttl_arg_end(vm, c) != 0)
		return (-1);
	if ((n = getline(&line, &size, fp)) < 0) {
		free(line);
		ttl_set_int(vm, "result", 1);
		return (ttl_ref_set_str(vm, &r, "", 0));
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		n--;
	ttl_set_int(vm, "result", 0);
	rc = ttl_ref_set_str(vm, &r, line, n);
	free(line);
	return (rc);
}

TTL_CMD(fileread)
{
	struct ttl_ref	r;
	FILE		*fp;
	char		buf[TTL_STR_MAX];
	int32_t		h, n;
	size_t		got;

	if (ttl_handle_arg(vm, c, &fp, &h) != 0 ||
	    ttl_arg_int(vm, c, &n) != 0 ||
	    ttl_arg_ref(vm, c, TV_STR, &r) != 0 || ttl_arg_end(vm, c) != 0)
		return (-1);
	if (n < 1 || n > TTL_STR_MAX)
		return (ttl_error(vm, "fileread reads 1 to %d bytes",
		    TTL_STR_MAX));
	got = fread(buf, 1, n, fp);
	ttl_set_int(vm, "result", got < (size_t)n);
	return (ttl_ref_set_str(vm, &r, buf, strnlen(buf, got)));
}

static int
ttl_write_file(struct ttl *vm, struct ttl_cursor *c, int newline)
{
	FILE		*fp;
	struct ttl_value v;
	int32_t		 h;
	char		 ch;

	if (ttl_handle_arg(vm, c, &fp, &h) != 0)
		return (-1);
	while (ttl_arg_more(c)) {
		if (ttl_expr(vm, c, &v) != 0)
			return (-1);
		if (v.type == TV_INT) {
			ch = (char)v.n;
			fwrite(&ch, 1, 1, fp);
		} else
			fputs(v.s, fp);
		ttl_value_clear(&v);
	}
	if (newline)
		fputs("\r\n", fp);
	fflush(fp);
	return (0);
}

TTL_CMD(filewrite)
{
	return (ttl_write_file(vm, c, 0));
}

TTL_CMD(filewriteln)
{
	return (ttl_write_file(vm, c, 1));
}

TTL_CMD(fileseek)
{
	FILE	*fp;
	int32_t	 h, off, whence;

	if (ttl_handle_arg(vm, c, &fp, &h) != 0 ||
	    ttl_arg_int(vm, c, &off) != 0 || ttl_arg_int(vm, c, &whence) != 0 ||
	    ttl_arg_end(vm, c) != 0)
		return (-1);
	fseek(fp, off, whence == 1 ? SEEK_CUR : whence == 2 ? SEEK_END :
	    SEEK_SET);
	return (0);
}

TTL_CMD(fileseekback)
{
	FILE	*fp;
	int32_t	 h;

	if (ttl_handle_arg(vm, c, &fp, &h) != 0 || ttl_arg_end(vm, c) != 0)
		return (-1);
	fseek(fp, -1, SEEK_CUR);
	return (0);
}

/* filesearch name: result 1 if it exists. */
TTL_CMD(filesearch)
{
	char	*path;

	if (ttl_arg_path(vm, c, &path) != 0)
		return (-1);
	ttl_set_int(vm, "result", access(path, F_OK) == 0);
	free(path);
	return (ttl_arg_end(vm, c));
}

TTL_CMD(filedelete)
{
	char	*path;

	if (ttl_may_write(vm) != 0 || ttl_arg_path(vm, c, &path) != 0)
		return (-1);
	ttl_set_int(vm, "result", unlink(path) == 0 ? 0 : -1);
	free(path);
	return (ttl_arg_end(vm, c));
}

TTL_CMD(filerename)
{
	char	*from, *to;

	if (ttl_may_write(vm) != 0 || ttl_arg_path(vm, c, &from) != 0)
		return (-1);
	if (ttl_arg_path(vm, c, &to) != 0) {
		free(from);
		return (-1);
	}
	ttl_set_int(vm, "result", rename(from, to) == 0 ? 0 : -1);
	free(from);
	free(to);
	return (ttl_arg_end(vm, c));
}

/* filestat name size [mtime [drive]]: result 0, -1 if it is not there. */
TTL_CMD(filestat)
{
	struct ttl_ref	 size, mtime;
	struct stat	 sb;
	struct tm	 tm;
	char		*path, when[32];
	int		 ok, rc = 0;

	if (ttl_arg_path(vm, c, &path) != 0)
		return (-1);
	ok = stat(path, &sb) == 0;
	free(path);
	if (ttl_arg_ref(vm, c, TV_INT, &size) != 0)
		return (-1);
	ttl_set_int(vm, "result", ok ? 0 : -1);
	if (ok)
		rc = ttl_ref_set_int(vm, &size, (int32_t)sb.st_size);
	if (rc == 0 && ttl_arg_more(c)) {
		if (ttl_arg_ref(vm, c, TV_STR, &mtime) != 0)
			return (-1);
		if (ok) {
			localtime_r(&sb.st_mtime, &tm);
			strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
			rc = ttl_ref_set_str(vm, &mtime, when, strlen(when));
		}
	}
	while (rc == 0 && ttl_arg_more(c))
		c->i++;		/* the drive: none here */
	return (rc);
}

TTL_CMD(foldercreate)
{
	char	*path;

	if (ttl_may_write(vm) != 0 || ttl_arg_path(vm, c, &path) != 0)
		return (-1);
	ttl_set_int(vm, "result", mkdir(path, 0777) == 0 ? 0 : 1);
	free(path);
	return (ttl_arg_end(vm, c));
}

TTL_CMD(foldersearch)
{
	struct stat	 sb;
	char		*path;

	if (ttl_arg_path(vm, c, &path) != 0)
		return (-1);
	ttl_set_int(vm, "result", stat(path, &sb) == 0 && S_ISDIR(sb.st_mode));
	free(path);
	return (ttl_arg_end(vm, c));
}

/* basename var path, dirname var path (Windows separators too). */
static int
ttl_split_path(struct ttl *vm, struct ttl_cursor *c, int dir)
{
	struct ttl_ref	 r;
	char		*s, *p, *sep = NULL;
	int		 rc;

	if (ttl_arg_ref(vm, c, TV_STR, &r) != 0 || ttl_arg_str(vm, c, &s) != 0)
		return (-1);
	for (p = s; *p != '\0'; p++) {
		if ((*p == '/' || *p == '\\') && p[1] != '\0')
			sep = p;
	}
	if (dir)
		rc = ttl_ref_set_str(vm, &r, s, sep == NULL ? 0 : sep == s ?
		    1 : (size_t)(sep - s));
	else {
		p = sep != NULL ? sep + 1 : s;
		rc = ttl_ref_set_str(vm, &r, p, strcspn(p, "/\\"));
	}
	free(s);
	return (rc != 0 ? -1 : ttl_arg_end(vm, c));
}

TTL_CMD(basename)
{
	return (ttl_split_path(vm, c, 0));
}

TTL_CMD(dirname)
{
	return (ttl_split_path(vm, c, 1));
}

TTL_CMD(makepath)
{
	struct ttl_ref	 r;
	char		*dir, *name, *out;
	int		 rc;

	if (ttl_arg_ref(vm, c, TV_STR, &r) != 0 || ttl_arg_str(vm, c, &dir))
		return (-1);
	if (ttl_arg_str(vm, c, &name) != 0) {
		free(dir);
		return (-1);
	}
	xasprintf(&out, "%s%s%s", dir, *dir == '\0' ||
	    dir[strlen(dir) - 1] == '/' || dir[strlen(dir) - 1] == '\\' ? "" :
	    "/", name);
	rc = ttl_ref_set_str(vm, &r, out, strlen(out));
	free(out);
	free(dir);
	free(name);
	return (rc != 0 ? -1 : ttl_arg_end(vm, c));
}

TTL_CMD(getver)
{
	struct ttl_ref	r;
	double		want;
	int32_t		n;

	if (ttl_arg_ref(vm, c, TV_STR, &r) != 0)
		return (-1);
	if (ttl_arg_more(c)) {
		/* A version to compare with: tterm counts as Tera Term 5.3. */
		if (ttl_arg_int(vm, c, &n) != 0)
			return (-1);
		want = n;
		ttl_set_int(vm, "result", 5.3 < want ? -1 : 5.3 > want);
	}
	if (ttl_arg_end(vm, c) != 0)
		return (-1);
	return (ttl_ref_set_str(vm, &r, "5.3", 3));
}

TTL_CMD(getttdir)
{
	struct ttl_ref	r;

	if (ttl_arg_ref(vm, c, TV_STR, &r) != 0 || ttl_arg_end(vm, c) != 0)
		return (-1);
	return (ttl_ref_set_str(vm, &r, TTERM_DATADIR, strlen(TTERM_DATADIR)));
}

/* findfirst h pattern var, findnext h var, findclose h. */
TTL_CMD(findfirst)
{
	struct ttl_ref	 h, r;
	glob_t		*g;
	char		*path, *slash;
	int		 rc;

	if (ttl_arg_ref(vm, c, TV_INT, &h) != 0 || ttl_arg_path(vm, c, &path))
		return (-1);
	if (ttl_arg_ref(vm, c, TV_STR, &r) != 0 || ttl_arg_end(vm, c) != 0) {
		free(path);
		return (-1);
	}
	if (vm->find != NULL) {
		globfree(vm->find);
		free(vm->find);
	}
	g = vm->find = xcalloc(1, sizeof *g);
	vm->findi = 0;
	rc = glob(path, 0, NULL, g);
	free(path);
	if (rc != 0 || g->gl_pathc == 0) {
		ttl_set_int(vm, "result", 0);
		return (ttl_ref_set_int(vm, &h, -1));
	}
	ttl_set_int(vm, "result", 1);
	slash = strrchr(g->gl_pathv[0], '/');
	slash = slash != NULL ? slash + 1 : g->gl_pathv[0];
	vm->findi = 1;
	if (ttl_ref_set_int(vm, &h, 0) != 0)
		return (-1);
	return (ttl_ref_set_str(vm, &r, slash, strlen(slash)));
}

TTL_CMD(findnext)
{
	struct ttl_ref	 r;
	glob_t		*g = vm->find;
	int32_t		 h;
	char		*slash;

	if (ttl_arg_int(vm, c, &h) != 0 || ttl_arg_ref(vm, c, TV_STR, &r) ||
	    ttl_arg_end(vm, c) != 0)
		return (-1);
	if (g == NULL || vm->findi >= g->gl_pathc) {
		ttl_set_int(vm, "result", 0);
		return (0);
	}
	slash = strrchr(g->gl_pathv[vm->findi], '/');
	slash = slash != NULL ? slash + 1 : g->gl_pathv[vm->findi];
	vm->findi++;
	ttl_set_int(vm, "result", 1);
	return (ttl_ref_set_str(vm, &r, slash, strlen(slash)));
}

TTL_CMD(findclose)
{
	int32_t	h;

	if (ttl_arg_int(vm, c, &h) != 0 || ttl_arg_end(vm, c) != 0)
		return (-1);
	if (vm->find != NULL) {
		globfree(vm->find);
		free(vm->find);
		vm->find = NULL;
	}
	return (0);
}

/*
 * exec command [show [wait [folder]]]: sh -c command, its input and
 * output /dev/null (it must not write on the screen); with wait, the
 * macro waits for it and result is its exit status.
 */
TTL_CMD(exec)
{
	char	*cmd, *folder = NULL, *dir = NULL;
	int32_t	 show = 0, wait = 0;
	pid_t	 pid;

	if (ttl_may_write(vm) != 0 || ttl_arg_str(vm, c, &cmd) != 0)
		return (-1);
	if ((ttl_arg_more(c) && ttl_arg_int(vm, c, &show) != 0) ||
	    (ttl_arg_more(c) && ttl_arg_int(vm, c, &wait) != 0) ||
	    (ttl_arg_more(c) && ttl_arg_str(vm, c, &folder) != 0) ||
	    ttl_arg_end(vm, c) != 0) {
		free(cmd);
		free(folder);
		return (-1);
	}
	if (folder != NULL) {
		dir = ttl_path(vm, folder);
		free(folder);
	}
	pid = vm->host->spawn != NULL ? vm->host->spawn(vm->data, cmd,
	    dir != NULL ? dir : vm->cwd) : -1;
	free(cmd);
	free(dir);
	if (pid == -1)
		return (ttl_error(vm, "exec: the command cannot start"));
	ttl_set_int(vm, "result", 0);
	if (wait) {
		ttl_wait_clear(&vm->wait);
		vm->wait.kind = WK_CHILD;
		vm->wait.n = (int32_t)pid;
		vm->wait.what = xstrdup("exec");
	}
	return (0);
}

/* What the system commands hold: open files, a search. */
void
ttl_sys_free(struct ttl *vm)
{
	u_int	i;

	for (i = 0; i < TTL_FILES; i++) {
		if (vm->fh[i].fp != NULL)
			fclose(vm->fh[i].fp);
		vm->fh[i].fp = NULL;
	}
	if (vm->find != NULL) {
		globfree(vm->find);
		free(vm->find);
		vm->find = NULL;
	}
}
