/*
 * ttl-int.h: the inside of the TTL interpreter (Tera Term Language), shared
 * by the ttl-*.c files only. tterm.h has what the rest of tterm sees.
 */
#ifndef TTL_INT_H
#define TTL_INT_H

#include <stdint.h>

#define TTL_STR_MAX	511	/* bytes in a string, as Tera Term 5 */
#define TTL_LINE_MAX	1023	/* characters of a line read */
#define TTL_NAME_MAX	31	/* characters of a name */
#define TTL_INCLUDE_MAX	9	/* include nesting */
#define TTL_NEST_MAX	1024	/* loops and calls open at once */
#define TTL_ARRAY_MAX	65536	/* elements of an intdim or strdim */
#define TTL_WAIT_MAX	10	/* strings one wait takes */
#define TTL_RECV_MAX	16384	/* bytes kept for the wait family */
/* Statements run before the loop's turn (fewer in the fuzzers, where a
 * macro that loops for ever would spend every input's time on it), and
 * the time they may take: a turn of slow statements (long strings,
 * regular expressions) ends sooner, so that keys and tabs wait no more. */
#ifndef TTL_SLICE
#define TTL_SLICE	20000
#endif
#ifndef TTL_SLICE_TIME
#define TTL_SLICE_TIME	0.005	/* seconds, looked at every 32 statements */
#endif

enum ttl_toktype { TK_INT, TK_STR, TK_ID, TK_OP };

enum ttl_op {
	OP_LP = 1, OP_RP, OP_LB, OP_RB, OP_COMMA,
	OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD,
	OP_SHR, OP_SHL, OP_SHRU, OP_AND, OP_XOR, OP_OR,
	OP_LT, OP_GT, OP_LE, OP_GE, OP_EQ, OP_NE, OP_LAND, OP_LOR,
	OP_LNOT, OP_BNOT
};

struct ttl_token {
	enum ttl_toktype type;
	int		 op;		/* TK_OP */
	int32_t		 n;		/* TK_INT */
	char		*s;		/* TK_STR bytes (NUL ended), TK_ID
					   lower case */
	size_t		 len;		/* TK_STR */
};

struct ttl_line {
	struct ttl_token *tok;
	u_int		 ntok;
	char		*label;		/* ":name" lines, lower case */
	int		 kw;		/* KW_*: a block's keyword */
	u_int		 match;		/* the block's next line of its kind
					   (while: its endwhile; if: its
					   elseif, else or endif), or
					   TTL_NONE */
	char		*error;		/* a syntax error, said when run */
};

struct ttl_file {
	char		*path;
	char		*dir;		/* its folder: relative names */
	struct ttl_line	*lines;
	u_int		 nlines;
};

/* Where a line's tokens are being read. */
struct ttl_cursor {
	const struct ttl_line *l;
	u_int		 i;
};

#define TTL_NONE	((u_int)-1)

enum ttl_kw { KW_NONE, KW_IF, KW_ELSEIF, KW_ELSE, KW_ENDIF, KW_WHILE,
	KW_ENDWHILE, KW_UNTIL, KW_ENDUNTIL, KW_DO, KW_LOOP, KW_FOR, KW_NEXT };

enum ttl_vtype { TV_NONE, TV_INT, TV_STR, TV_INTARR, TV_STRARR, TV_LABEL };

struct ttl_value {
	enum ttl_vtype	 type;		/* TV_INT or TV_STR */
	int32_t		 n;
	char		*s;		/* owned */
};

struct ttl_var {
	char		*name;
	enum ttl_vtype	 type;
	int32_t		 n;
	char		*s;
	int32_t		*ia;
	char	       **sa;
	u_int		 size;
	struct ttl_var	*next;		/* hash chain */
};

/* A variable or one element of an array, to be written. */
struct ttl_ref {
	struct ttl_var	*v;
	u_int		 index;
	int		 element;
};

enum ttl_blockkind { BK_WHILE, BK_UNTIL, BK_DO, BK_FOR, BK_CALL,
	BK_INCLUDE };

struct ttl_block {
	enum ttl_blockkind kind;
	struct ttl_file	*f;
	u_int		 line;		/* the opening line (call: return to) */
	struct ttl_ref	 var;		/* for */
	int32_t		 last;
	int		 step;
};

enum ttl_waitkind { WK_NONE, WK_WAIT, WK_WAITLN, WK_RECVLN, WK_WAITN,
	WK_WAITRECV, WK_WAITREGEX, WK_PAUSE, WK_EVENT, WK_ANSWER, WK_CHILD,
	WK_XFER, WK_LINK };

struct ttl_wait {
	enum ttl_waitkind kind;
	double		 deadline;	/* clock_now() seconds, 0 forever */
	char		*str[TTL_WAIT_MAX];
	u_int		 nstr;
	void		*re[TTL_WAIT_MAX];	/* regex_t of Oniguruma */
	int32_t		 n, pos;	/* waitn, waitrecv */
	int		 mask;		/* waitevent */
	char		*what;		/* for the status bar */
};

/* Text received for the wait family (ttl-recv.c). */
struct ttl_recv {
	void		*vt;		/* libvterm parser only */
	struct term_guard guard;	/* what that parser cannot take */
	char		*buf;
	size_t		 start, len, size;
	int		 cr;		/* last byte was CR */
	int		 debug;		/* setdebug */
	int		 sync;		/* setsync 1: hold, never drop */
	int		 events;	/* waitevent bits seen */
};

struct ttl_fileh {
	void		*fp;		/* FILE * */
	long		 mark;		/* filemarkptr's */
};
#define TTL_FILES	16

struct ttl {
	struct ttl_file	**files;	/* every file read (include) */
	u_int		 nfiles;
	struct ttl_file	*f;		/* running */
	u_int		 pc;		/* next line */
	u_int		 cur;		/* line running */
	struct ttl_block *blocks;
	u_int		 nblocks;
	u_int		 includes;
	struct ttl_var	*vars[256];
	struct ttl_recv	 recv;
	struct ttl_wait	 wait;
	const struct ttl_host *host;
	void		*data;
	char		*name;		/* the main file's name */
	char		*error;
	int		 done;
	int		 exitcode;
	struct ttl_fileh fh[TTL_FILES];
	void		*find;		/* findfirst's glob */
	u_int		 findi;
	int		 onig_opt;	/* regexoption */
	char		*cwd;		/* getdir, setdir: relative names */
	char		*where;		/* the failure with its line */
	char		*statusbox;	/* statusbox's text, or NULL */
	char		*answer;	/* a dialog's answer */
	int32_t		 answer_result;
	int		 answered;
	void		(*answer_fn)(struct ttl *);	/* the dialog's own */
	struct ttl_ref	 answer_ref;	/* where it goes, if anywhere */
};

/* ttl-lex.c */
struct ttl_file *ttl_file_parse(const char *, const char *, size_t);
struct ttl_file *ttl_file_load(const char *, char **);
void	 ttl_file_free(struct ttl_file *);
int	 ttl_tokenize(struct ttl_line *, const char *, size_t, int *);
void	 ttl_line_clear(struct ttl_line *);
int	 ttl_file_label(const struct ttl_file *, const char *, u_int *);
char	*ttl_decode(const char *, size_t, size_t *);

/* ttl-expr.c */
int	 ttl_error(struct ttl *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
struct ttl_var *ttl_var_find(struct ttl *, const char *);
struct ttl_var *ttl_var_make(struct ttl *, const char *, enum ttl_vtype);
void	 ttl_var_free_all(struct ttl *);
void	 ttl_set_int(struct ttl *, const char *, int32_t);
void	 ttl_set_str(struct ttl *, const char *, const char *);
void	 ttl_set_strn(struct ttl *, const char *, const char *, size_t);
int	 ttl_expr(struct ttl *, struct ttl_cursor *, struct ttl_value *);
int	 ttl_arg_int(struct ttl *, struct ttl_cursor *, int32_t *);
int	 ttl_arg_str(struct ttl *, struct ttl_cursor *, char **);
int	 ttl_arg_ref(struct ttl *, struct ttl_cursor *, enum ttl_vtype,
	    struct ttl_ref *);
int	 ttl_arg_end(struct ttl *, struct ttl_cursor *);
int	 ttl_arg_more(const struct ttl_cursor *);
int	 ttl_ref_set_int(struct ttl *, const struct ttl_ref *, int32_t);
int	 ttl_ref_set_str(struct ttl *, const struct ttl_ref *, const char *,
	    size_t);
int	 ttl_ref_get(struct ttl *, const struct ttl_ref *,
	    struct ttl_value *);
void	 ttl_value_clear(struct ttl_value *);
int	 ttl_tok_is(const struct ttl_cursor *, const char *);

/* ttl.c */
int	 ttl_goto(struct ttl *, const char *);
int	 ttl_statement(struct ttl *, struct ttl_cursor *);
int	 ttl_include(struct ttl *, const char *);
void	 ttl_wait_clear(struct ttl_wait *);

/* ttl-cmd.c: the command table. */
typedef int (*ttl_cmd_fn)(struct ttl *, struct ttl_cursor *);
ttl_cmd_fn ttl_cmd_find(const char *);
const char *ttl_cmd_missing(const char *);

/* ttl-path.c */
char	*ttl_path(struct ttl *, const char *);
int	 ttl_may_write(struct ttl *);
char	*ttl_expand_env(const char *);

/* ttl-file.c */
void	 ttl_file_free_all(struct ttl *);

/* ttl-recv.c */
void	 ttl_recv_init(struct ttl_recv *);
void	 ttl_recv_free(struct ttl_recv *);
void	 ttl_recv_feed(struct ttl_recv *, const char *, size_t);
void	 ttl_recv_flush(struct ttl_recv *);
int	 ttl_recv_check(struct ttl *);
int	 ttl_regex_new(struct ttl *, const char *, void **);
void	 ttl_regex_free(void *);
int	 ttl_regex_search(struct ttl *, void *, const char *, size_t, int,
	    size_t *);

/* ttl-str.c, ttl-sys.c, ttl-comm.c: commands by group. */
#define TTL_CMD(name) int ttl_cmd_##name(struct ttl *vm, struct ttl_cursor *c)
TTL_CMD(wait); TTL_CMD(waitln); TTL_CMD(waitregex);
TTL_CMD(recvln); TTL_CMD(waitn); TTL_CMD(waitrecv);
TTL_CMD(waitevent); TTL_CMD(flushrecv); TTL_CMD(pause);
TTL_CMD(mpause); TTL_CMD(send); TTL_CMD(sendln);
TTL_CMD(sendtext); TTL_CMD(sendbinary); TTL_CMD(dispstr);
TTL_CMD(sendbreak); TTL_CMD(connect); TTL_CMD(testlink);
TTL_CMD(disconnect); TTL_CMD(closett); TTL_CMD(unlink);
TTL_CMD(settitle); TTL_CMD(gettitle); TTL_CMD(gethostname);
TTL_CMD(clearscreen); TTL_CMD(accept); TTL_CMD(setdebug);
TTL_CMD(setbaud); TTL_CMD(setdtr); TTL_CMD(setrts);
TTL_CMD(setflowctrl); TTL_CMD(setserialdelaychar); TTL_CMD(setserialdelayline);
TTL_CMD(getmodemstatus); TTL_CMD(strconcat); TTL_CMD(strcopy);
TTL_CMD(strlen); TTL_CMD(strscan); TTL_CMD(strcompare);
TTL_CMD(strinsert); TTL_CMD(strremove); TTL_CMD(strmatch);
TTL_CMD(strreplace); TTL_CMD(strsplit); TTL_CMD(strjoin);
TTL_CMD(strtrim); TTL_CMD(strspecial); TTL_CMD(tolower);
TTL_CMD(toupper); TTL_CMD(int2str); TTL_CMD(str2int);
TTL_CMD(code2str); TTL_CMD(str2code); TTL_CMD(expandenv);
TTL_CMD(regexoption); TTL_CMD(intdim); TTL_CMD(strdim);
TTL_CMD(ifdefined); TTL_CMD(getenv); TTL_CMD(setenv);
TTL_CMD(getdate); TTL_CMD(gettime); TTL_CMD(random);
TTL_CMD(beep); TTL_CMD(setexitcode); TTL_CMD(getdir);
TTL_CMD(setdir); TTL_CMD(fileopen); TTL_CMD(filecreate);
TTL_CMD(fileclose); TTL_CMD(filereadln); TTL_CMD(fileread);
TTL_CMD(filewrite); TTL_CMD(filewriteln); TTL_CMD(fileseek);
TTL_CMD(fileseekback); TTL_CMD(filesearch); TTL_CMD(filedelete);
TTL_CMD(filerename); TTL_CMD(filestat); TTL_CMD(foldercreate);
TTL_CMD(foldersearch); TTL_CMD(basename); TTL_CMD(dirname);
TTL_CMD(makepath); TTL_CMD(getver); TTL_CMD(getttdir);
TTL_CMD(findfirst); TTL_CMD(findnext); TTL_CMD(findclose);
TTL_CMD(sprintf); TTL_CMD(sprintf2);
TTL_CMD(messagebox); TTL_CMD(yesnobox); TTL_CMD(inputbox);
TTL_CMD(passwordbox);
TTL_CMD(logopen); TTL_CMD(logclose); TTL_CMD(logpause);
TTL_CMD(logstart); TTL_CMD(logwrite); TTL_CMD(loginfo); TTL_CMD(exec);
TTL_CMD(listbox); TTL_CMD(filenamebox); TTL_CMD(dirnamebox);
TTL_CMD(statusbox); TTL_CMD(closesbox);
TTL_CMD(filemarkptr); TTL_CMD(filestrseek); TTL_CMD(filestrseek2);
TTL_CMD(filecopy); TTL_CMD(fileconcat); TTL_CMD(filetruncate);
TTL_CMD(folderdelete); TTL_CMD(getfileattr); TTL_CMD(setfileattr);
TTL_CMD(checksum8); TTL_CMD(checksum16); TTL_CMD(checksum32);
TTL_CMD(checksum8file); TTL_CMD(checksum16file); TTL_CMD(checksum32file);
TTL_CMD(crc16); TTL_CMD(crc32); TTL_CMD(crc16file); TTL_CMD(crc32file);
TTL_CMD(rotateleft); TTL_CMD(rotateright); TTL_CMD(uptime);
TTL_CMD(getipv4addr); TTL_CMD(getipv6addr); TTL_CMD(getspecialfolder);
TTL_CMD(sendfile); TTL_CMD(setsync); TTL_CMD(setecho); TTL_CMD(var2clipb); TTL_CMD(clipb2var);
TTL_CMD(logrotate); TTL_CMD(scpsend); TTL_CMD(scprecv);
TTL_CMD(recvfile); TTL_CMD(zmodemsend); TTL_CMD(zmodemrecv);
TTL_CMD(xmodemsend); TTL_CMD(xmodemrecv); TTL_CMD(ymodemsend);
TTL_CMD(ymodemrecv);
char	*ttl_unescape(const char *);
int	 ttl_parse_int(const char *, int32_t *);

/* ttl-passwd.c */
char	*ttl_passwd_hide(const char *, const u_char *);
char	*ttl_passwd_reveal(const char *);
int	 ttl_passwd_get(const char *, const char *, char **);
int	 ttl_passwd_exists(const char *, const char *);
int	 ttl_passwd_set(const char *, const char *, const char *, char **);
int	 ttl_passwd_del(const char *, const char *, char **);
int	 ttl_passwd2_get(const char *, const char *, const char *, char **);
int	 ttl_passwd2_exists(const char *, const char *);
int	 ttl_passwd2_set(const char *, const char *, const char *,
	    const char *, char **);
int	 ttl_passwd2_del(const char *, const char *, char **);
TTL_CMD(getpassword); TTL_CMD(setpassword); TTL_CMD(ispassword);
TTL_CMD(delpassword); TTL_CMD(getpassword2); TTL_CMD(setpassword2);
TTL_CMD(ispassword2); TTL_CMD(delpassword2);

#endif
