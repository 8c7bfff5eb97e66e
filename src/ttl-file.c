/*
 * ttl-file.c: TTL's file and folder commands: handles (fileopen ...
 * fileclose, up to 16 at once), whole files, folders, searches. Relative
 * names are in the macro's folder (setdir changes it); Windows paths are
 * mapped by ttl_path().
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tterm.h"
#include "ttl-int.h"

static const char	*ttl_basename(const char *);

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
		return (ttl_error(vm, _("file handle %d is not open"), *h));
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
		return (ttl_error(vm, _("fileread reads 1 to %d bytes"),
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

/* filemarkptr h keeps where the file is; fileseekback h goes back there. */
TTL_CMD(filemarkptr)
{
	FILE	*fp;
	int32_t	 h;

	if (ttl_handle_arg(vm, c, &fp, &h) != 0 || ttl_arg_end(vm, c) != 0)
		return (-1);
	vm->fh[h].mark = ftell(fp);
	return (0);
}

TTL_CMD(fileseekback)
{
	FILE	*fp;
	int32_t	 h;

	if (ttl_handle_arg(vm, c, &fp, &h) != 0 || ttl_arg_end(vm, c) != 0)
		return (-1);
	fseek(fp, vm->fh[h].mark, SEEK_SET);
	return (0);
}

/*
 * filestrseek h str: forward from where the file is, to just after the
 * string (result 1); filestrseek2: backward from there, to just before
 * it. Not found: where it was, result 0.
 */
static int
ttl_strseek(struct ttl *vm, struct ttl_cursor *c, int back)
{
	FILE	*fp;
	char	*s, *buf = NULL;
	long	 at, size, i, n, found = -1;
	int32_t	 h;

	if (ttl_handle_arg(vm, c, &fp, &h) != 0 || ttl_arg_str(vm, c, &s))
		return (-1);
	if (ttl_arg_end(vm, c) != 0) {
		free(s);
		return (-1);
	}
	at = ftell(fp);
	n = (long)strlen(s);
	if (fseek(fp, 0, SEEK_END) == 0 && (size = ftell(fp)) >= 0 && n > 0 &&
	    size <= (64L << 20)) {
		buf = xmalloc(size + 1);
		rewind(fp);
		size = (long)fread(buf, 1, size, fp);
		for (i = back ? at - n : at; found == -1 && i >= 0 &&
		    i + n <= size; i += back ? -1 : 1) {
			if (memcmp(buf + i, s, n) == 0)
				found = back ? (i > 0 ? i - 1 : 0) : i + n;
		}
	}
	fseek(fp, found != -1 ? found : at, SEEK_SET);
	ttl_set_int(vm, "result", found != -1);
	free(buf);
	free(s);
	return (0);
}

TTL_CMD(filestrseek)
{
	return (ttl_strseek(vm, c, 0));
}

TTL_CMD(filestrseek2)
{
	return (ttl_strseek(vm, c, 1));
}

/* Two paths, for filecopy and fileconcat: -1 (an error) if not. */
static int
ttl_two_paths(struct ttl *vm, struct ttl_cursor *c, char **a, char **b)
{
	*a = *b = NULL;
	if (ttl_may_write(vm) != 0 || ttl_arg_path(vm, c, a) != 0)
		return (-1);
	if (ttl_arg_path(vm, c, b) != 0 || ttl_arg_end(vm, c) != 0) {
		free(*a);
		free(*b);
		return (-1);
	}
	return (0);
}

/* Append what from holds to fd: 0, or -4 it cannot be read, -5 written. */
static int
ttl_copy_into(int fd, const char *from)
{
	char	 buf[8192];
	ssize_t	 n;
	int	 in, r = 0;

	if ((in = open(from, O_RDONLY | O_CLOEXEC)) == -1)
		return (-4);
	while ((n = read(in, buf, sizeof buf)) > 0) {
		if (write(fd, buf, n) != n) {
			r = -5;
			break;
		}
	}
	if (n < 0)
		r = -4;
	close(in);
	return (r);
}

/* filecopy from to: 0, -3 the same file, -4 it cannot be copied. */
TTL_CMD(filecopy)
{
	char	*from, *to;
	int	 fd, r;

	if (ttl_two_paths(vm, c, &from, &to) != 0)
		return (-1);
	if (strcmp(from, to) == 0)
		r = -3;
	else if ((fd = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0666)) == -1)
		r = -4;
	else {
		r = ttl_copy_into(fd, from) == 0 ? 0 : -4;
		if (close(fd) != 0)
			r = -4;
	}
	ttl_set_int(vm, "result", r);
	free(from);
	free(to);
	return (0);
}

/* fileconcat file1 file2: file2 added to file1 (made if missing). */
TTL_CMD(fileconcat)
{
	char	*one, *two;
	int	 fd, r;

	if (ttl_two_paths(vm, c, &one, &two) != 0)
		return (-1);
	if (strcmp(one, two) == 0)
		r = 2;
	else if ((fd = open(one, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
	    0666)) == -1)
		r = 3;
	else {
		/* A second file that cannot be read adds nothing: 0. */
		r = ttl_copy_into(fd, two);
		if (r == -4 && access(two, R_OK) != 0)
			r = 0;
		if (close(fd) != 0)
			r = -5;
	}
	ttl_set_int(vm, "result", r);
	free(one);
	free(two);
	return (0);
}

/* filetruncate file size: made if missing, cut or grown with NULs. */
TTL_CMD(filetruncate)
{
	char	*path;
	int32_t	 size;
	int	 fd, r = -1;

	if (ttl_may_write(vm) != 0 || ttl_arg_path(vm, c, &path) != 0)
		return (-1);
	if (ttl_arg_int(vm, c, &size) != 0 || ttl_arg_end(vm, c) != 0) {
		free(path);
		return (-1);
	}
	if (size >= 0 && (fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC,
	    0666)) != -1) {
		r = ftruncate(fd, size) == 0 ? 0 : -1;
		close(fd);
	}
	ttl_set_int(vm, "result", r);
	free(path);
	return (0);
}

TTL_CMD(folderdelete)
{
	char	*path;

	if (ttl_may_write(vm) != 0 || ttl_arg_path(vm, c, &path) != 0)
		return (-1);
	ttl_set_int(vm, "result", rmdir(path) == 0 ? 0 : 2);
	free(path);
	return (ttl_arg_end(vm, c));
}

/*
 * getfileattr file: Windows' attribute bits as Tera Term gives them
 * ($1 read-only, $10 folder, $20 archive for a file; -1 no such file);
 * setfileattr file bits: read-only is the owner's write permission.
 */
TTL_CMD(getfileattr)
{
	struct stat	 sb;
	char		*path;
	int32_t		 a = -1;

	if (ttl_arg_path(vm, c, &path) != 0)
		return (-1);
	if (stat(path, &sb) == 0) {
		a = S_ISDIR(sb.st_mode) ? 0x10 : 0x20;
		if (!(sb.st_mode & S_IWUSR))
			a |= 0x01;
		if (*ttl_basename(path) == '.')
			a |= 0x02;
	}
	ttl_set_int(vm, "result", a);
	free(path);
	return (ttl_arg_end(vm, c));
}

TTL_CMD(setfileattr)
{
	struct stat	 sb;
	char		*path;
	int32_t		 a;
	mode_t		 mode;
	int		 ok = 0;

	if (ttl_may_write(vm) != 0 || ttl_arg_path(vm, c, &path) != 0)
		return (-1);
	if (ttl_arg_int(vm, c, &a) != 0 || ttl_arg_end(vm, c) != 0) {
		free(path);
		return (-1);
	}
	if (stat(path, &sb) == 0) {
		mode = sb.st_mode & 07777;
		mode = (a & 0x01) ? (mode & ~(mode_t)0222) : (mode | S_IWUSR);
		ok = chmod(path, mode) == 0;
	}
	ttl_set_int(vm, "result", ok);
	free(path);
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
	int	 r;

	if (ttl_may_write(vm) != 0 || ttl_arg_path(vm, c, &from) != 0)
		return (-1);
	if (ttl_arg_path(vm, c, &to) != 0) {
		free(from);
		return (-1);
	}
	if (strcmp(from, to) == 0)
		r = 2;
	else
		r = rename(from, to) == 0 ? 0 : -3;
	ttl_set_int(vm, "result", r);
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
	ttl_set_int(vm, "result", mkdir(path, 0777) == 0 ? 0 : 2);
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

/* The last part of a path. */
static const char *
ttl_basename(const char *path)
{
	const char	*slash = strrchr(path, '/');

	return (slash != NULL ? slash + 1 : path);
}

/* What the file commands hold: open files, a search. */
void
ttl_file_free_all(struct ttl *vm)
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
