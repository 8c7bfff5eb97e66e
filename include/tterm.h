/*
 * tterm.h: the one internal header. Forward declarations first, then the
 * structures with their flags under the fields, then prototypes grouped by
 * the file that defines them.
 */
#ifndef TTERM_H
#define TTERM_H

#include <sys/types.h>

#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include <vterm.h>

#include <libintl.h>

/* A message for the user, in the locale's language (po/); N_ marks one
 * that is translated where it is used (tables of static strings). */
#define _(s)	gettext(s)
#define N_(s)	(s)

struct cell;
struct codec;
struct forward;
struct grid;
struct history;
struct overlay;
struct ini;
struct profile;
struct ttcmd;
struct sesslog;
struct serial_opts;
struct route;
struct sshc;
struct tab;
struct term;
struct transport;
struct transport_ops;
struct tunnel;
struct view;
struct xfer;

/*
 * Colours are packed into 32 bits: the top byte says what the low bits are.
 * Zero is the terminal's default colour, so a zeroed cell is a blank one.
 */
#define COLOUR_DEFAULT	0u
#define COLOUR_INDEXED	0x01000000u	/* low byte: palette index 0-255 */
#define COLOUR_RGB	0x02000000u	/* low 24 bits: 0xRRGGBB */
#define COLOUR_TYPE(c)	((c) & 0xff000000u)

/* Cell attributes, kept in the top 11 bits of cell.ch. */
#define ATTR_BOLD	0x001
#define ATTR_UNDERLINE	0x002
#define ATTR_DUNDERLINE	0x004	/* double underline (SGR 21, 4:2) */
#define ATTR_ITALIC	0x008
#define ATTR_BLINK	0x010
#define ATTR_REVERSE	0x020
#define ATTR_STRIKE	0x040
#define ATTR_WIDE	0x080	/* first half of a double-width character */
#define ATTR_WIDECONT	0x100	/* second half; ch is 0 */
#define ATTR_WRAPPED	0x200	/* on a row's last cell: the text went on
				   to the next row (copy joins them) */
#define ATTR_PENMASK	0x07f	/* attributes that come from the pen */

/*
 * The answer to a question (question.c) or a form: the key that ended it
 * (Enter is '\r', 0 cancelled, a choice's own key), and for fields their
 * values, wiped and freed by the caller after.
 */
typedef void (*answer_cb)(void *, int, char **);

/* A question for the user, as data (question.c). */
struct question {
	char	       *title;
	char	       *text;
	char	       *keys;		/* a choice: the keys it takes */
	u_int		n;		/* fields: how many */
	char	      **labels;
	int	       *echo;
	char	      **values;		/* what fields show first, or NULL */
	answer_cb	cb;
	void	       *arg;
	int		keep;		/* a macro's: outlives the connection,
					   waits under the transport's own */
};

/*
 * A library opened when first needed (dynlib.c): a function or variable
 * of it by name, and the pointer of its table dynlib_load() sets to it.
 */
struct dynlib_sym {
	const char     *name;
	void	       *slot;
};
struct dynlib {
	const char     *file;		/* as the linker names it */
	const struct dynlib_sym *syms;	/* ended by a NULL name */
	void	       *handle;		/* once opened */
	char	       *cause;		/* why it could not be */
};
/*
 * For a library's table from its list LIST(X), X(name) for each name: the
 * struct's members, the entries of its syms, and a name's pointer for a
 * call, the library opened first if it is not yet.
 */
#define DYNLIB_MEMBER(f)	__typeof__(f) *f;
#define DYNLIB_ENTRY(table, f)	{ #f, &(table).f },
#define DYNLIB_GET(lib, table, f) \
	((lib).handle != NULL ? (table).f : (dynlib_need(&(lib)), (table).f))

/* A growable buffer (buf.c); all zero is an empty one. */
struct buf {
	char	       *data;		/* NULL, or ended by a NUL */
	size_t		len;		/* bytes in it, not the NUL */
	size_t		size;		/* bytes allocated */
};

/*
 * One screen cell: 12 bytes. ch holds the code point in its low 21 bits
 * (or, from COMBO_BASE up, the index of a base character with combining
 * marks in the grid's combo table) and the attributes above them.
 */
struct cell {
	uint32_t	ch;
	uint32_t	fg;
	uint32_t	bg;
};
#define CELL_CHBITS	21
#define CELL_CHMASK	((1u << CELL_CHBITS) - 1)
#define CELL_CH(c)	((c)->ch & CELL_CHMASK)
#define CELL_ATTR(c)	((c)->ch >> CELL_CHBITS)
#define CELL_MAKE(ch, attr) ((uint32_t)(ch) | ((uint32_t)(attr) << CELL_CHBITS))
#define COMBO_BASE	0x110000u
#define COMBO_MAX	4096	/* distinct combined characters per grid */
#define COMBO_CHARS	6	/* code points per combined character */

/* The pen that putglyph and erase use. */
struct pen {
	uint32_t	fg;
	uint32_t	bg;
	uint16_t	attr;
};

/*
 * Scrollback. Each line is a record: this header, then its text (history.c
 * says how), padded to 4 bytes. Records go in blocks of HIST_BLOCK lines;
 * the newest blocks stay as they are, older ones are compressed.
 */
struct hline {
	uint16_t	ncells;		/* columns used; the rest are blank */
	uint16_t	flags;
#define HLINE_WRAPPED 0x1
	uint32_t	len;		/* bytes of data */
	uint32_t	stamp;		/* when its first character came */
	unsigned char	data[];
};

#define HIST_BLOCK	128		/* lines per block */
#define HIST_HOT	2		/* full blocks kept plain behind
					   the newest */

struct hblock {
	unsigned char  *data;		/* plain: HIST_BLOCK offsets, then the
					   records; packed: the records
					   compressed */
	uint32_t	size;		/* bytes allocated at data */
	uint32_t	len;		/* bytes of records (unpacked) */
	uint16_t	nlines;		/* HIST_BLOCK but in the newest block */
	uint16_t	packed;
};

struct history {
	struct hblock  *blocks;		/* a ring of nslots, oldest at first */
	u_int		nslots;
	u_int		first;
	u_int		nblocks;
	u_int		skip;		/* lines of the oldest block dropped */
	u_int		base;		/* number of the oldest block, for the
					   cache of unpacked blocks */
	u_int		id;		/* this history's, for that cache */
	u_int		limit;		/* most lines kept */
	u_int		count;
	size_t		bytes;		/* memory held: blocks and the ring */
};

/*
 * The visible screen: a ring of row pointers, so scrolling the whole screen
 * moves the ring's top rather than any cells. The primary grid feeds the
 * history with what scrolls off its top; the alternate grid keeps none.
 */
struct grid {
	u_int		rows;
	u_int		cols;
	struct cell   **ring;		/* rows pointers, logical row r is */
	u_int		top;		/* ring[(top + r) % rows] */
	uint8_t	       *dirty;		/* per logical row */
	int		any_dirty;
	struct history *hist;		/* NULL for the alternate screen */
	uint32_t      (*combo)[COMBO_CHARS];
	u_int		ncombo;
	u_int		pushed;		/* lines sent to history, ever,
					   less those a resize took back */
	uint32_t       *stamps;		/* per ring slot: when the row's first
					   character came (time(), 0: none) */
	uint32_t	now;		/* the time of what is being parsed */
};

/* The libvterm state glue: one per tab. */
typedef void (*term_output_cb)(const char *, size_t, void *);
typedef void (*term_event_cb)(int, void *);
#define TERM_EVENT_TITLE	1
#define TERM_EVENT_BELL		2
#define TERM_EVENT_CURSOR	3
#define TERM_EVENT_CLIP		4	/* OSC 52: term.clip holds it */

/* libvterm 0.1.4 crashes putting a wide character on a screen of one
 * column: a tab's screen is never narrower than this. */
#define TERM_MIN_COLS	2
#define TERM_FAST_MIN	4	/* printable ASCII worth term_fast() */
#define TERM_FAST_WIDE_MIN 2	/* wide characters worth term_fast_wide() */

/* Character sets as libvterm holds them, and as saved with the cursor. */
struct term_charset {
	u_char		g[4];		/* G0-G3: 0 (UTF-8 or ASCII), '0', 'A' */
	u_char		gl;		/* the set in GL, 0 to 3 */
	u_char		ss;		/* a single shift waiting: 0, 2 or 3 */
};
struct term_charsets {
	struct term_charset cur;
	struct term_charset saved;
};

/* What is kept between reads to keep bad sequences from libvterm. */
struct term_guard {
	int		state;
	u_int		seps;		/* argument separators so far */
	int		region;		/* a scroll region may be set */
	u_char		u8[4];		/* a UTF-8 character a read cut */
	u_int		u8len;		/* its bytes so far */
	u_int		u8need;		/* and the bytes still to come */
	int		plain;		/* the CSI has no leader, no intermediate */
	u_int		inter;		/* the ESC sequence's intermediates */
	u_char		inter1;		/* and the first of them */
	int		str_esc;	/* an ESC in a string, not yet sent */
	struct buf	str;		/* the string held (see term-guard.c) */
	int		priv;		/* the CSI is a private one (?) */
	u_long		num;		/* the CSI's argument so far */
	int		digits;		/* it has digits */
	u_int		nbytes;		/* the CSI's bytes but controls */
	u_int		arg0;		/* its first argument (low 31 bits) */
	int		arg0_done;	/* which has ended */
	int		altscreen;	/* it names mode 1048 or 1049 */
	int		rep_ok;		/* the last character has a width */
	int		osc;		/* the string is an OSC */
	int		clipping;	/* it is an OSC 52 (1), too long (2) */
	/* An OSC 52 string (the clipboard) goes here whole instead of to
	 * libvterm, which keeps 500 bytes of a string (term.c's). */
	void		(*clip)(const char *, size_t, void *);
	/* An OSC 7 (the shell's folder): the string after "7;". */
	void		(*cwd)(const char *, size_t, void *);
	int		restore_cs;	/* the restore is one of the sets' */
	struct term_charsets cs;	/* see term-charset.c */
	/* Modes that change where text goes, as far as libvterm may have
	   them (set by any sequence that might set them, cleared only by
	   one that surely clears them): insert (IRM), left and right
	   margins (DECLRMM), and origin (DECOM: a cursor movement then
	   first brings the cursor into the scroll region). */
	int		irm, decom, lrmm;
	u_int		marks;		/* the CSI's leaders and intermediates */
	int		arg4, arg6, arg69; /* its arguments name 4, 6, 69 */
	/* Plain text in the ground state goes here, if set, instead of to
	   the out callback (term.c's fast path); and after a REP, this. */
	void		(*text)(const char *, size_t, void *);
	void		(*rep)(void *);
	/* ED 3 (CSI 3 J, as clear sends): erase the saved lines, which
	   libvterm 0.1.4 has none of and ignores. */
	void		(*erase_saved)(void *);
};
typedef void (*term_guard_out)(const char *, size_t, void *);

struct term {
	VTerm	       *vt;
	struct term_guard guard;
	VTermState     *state;
	struct grid	primary;
	struct grid	alt;
	struct grid    *g;		/* primary or alt */
	struct pen	pen;
	int		cx, cy;		/* cursor */
	int		cursor_visible;
	int		moved;		/* cursor changed since drawn */
	int		reverse;	/* DECSCNM */
	int		altscreen;
	int		mouse;
	int		wrap_row;	/* a glyph filled this row's last
					   column, or -1 (see term.c) */
	int		wrap_col;	/* and started in this column */
	int		ph_row, ph_col;	/* where libvterm may wait to wrap
					   after a double-width row, or -1 */
	int		dwl_glyph;	/* one was put on such a row */
	u_char	       *dwl;		/* libvterm's double-width rows, kept
					   as it keeps them (see term.c) */
	u_int		dwl_size;	/* rows in dwl */
	u_int		dwl_rows;	/* how many are double width */
	int		slow;		/* no fast path (term_fast) */
	size_t		bytes;		/* parsed, ever */
	struct buf	clip;		/* the last OSC 52 (52;Pc;Pd) */
	char	       *title;
	char	       *cwd;		/* the shell's folder by OSC 7 */
	term_output_cb	output;
	term_event_cb	event;
	void	       *cbdata;
};

/*
 * A transport carries bytes between a tab and its peer: a local pty now,
 * SSH and serial lines later. The loop and the tabs only use these ops.
 */
struct transport_ops {
	const char     *name;
	/* Optional: poll results (none after a deadline) before reading. */
	void		(*service)(struct transport *, const struct pollfd *,
			    int);
	/* Optional: seconds until service must run anyway, or -1. */
	double		(*deadline)(struct transport *);
	/* Optional: a line for the status bar. */
	const char     *(*status)(struct transport *);
	/* Add the fds to watch; returns how many were added (at most max). */
	int		(*pollfds)(struct transport *, struct pollfd *, int max,
			    int want_write);
	/* Read into buf; >0 bytes, 0 nothing now, -1 closed (cause set). */
	ssize_t		(*read)(struct transport *, char *, size_t);
	/* Write from buf; returns bytes taken, 0 would block, -1 error. */
	ssize_t		(*write)(struct transport *, const char *, size_t);
	void		(*resize)(struct transport *, u_int, u_int);
	/* A child was reaped: return 1 if it was ours. */
	int		(*reaped)(struct transport *, pid_t, int);
	void		(*close)(struct transport *);
	/*
	 * Optional, for lines that have them: send a BREAK, flip a modem
	 * line (TIOCM_DTR, TIOCM_RTS), take new line settings. 0 done, -1
	 * not; BREAK and the modem lines say which in buf.
	 */
	int		(*send_break)(struct transport *, char *, size_t);
	int		(*modem)(struct transport *, int, char *, size_t);
	int		(*reconfigure)(struct transport *,
			    const struct serial_opts *, char **);
	/* Optional: 1 when there is work without the fds (data the
	 * transport holds): the loop does not wait then. */
	int		(*pending)(struct transport *);
	/* Optional: 1 when Ctrl+S and Ctrl+Q go to the peer as bytes (a
	 * serial line without XON/XOFF) rather than pause the output. */
	int		(*raw_flow_keys)(const struct transport *);
	/* Optional: the modem lines now (TIOCM_* bits), -1 if unknown. */
	int		(*modem_lines)(struct transport *);
	/* Optional: while on (a file transfer), bytes pass unchanged both
	 * ways: no newline conversion, local echo or pacing. */
	void		(*binary)(struct transport *, int);
	/* Optional: 1 while the connection is being made (a name looked
	 * up, TCP, an SSH login and its shell): a macro's connect waits. */
	int		(*connecting)(const struct transport *);
};

/*
 * What transports ask of the tab they serve (transport.c): tab.c
 * registers these, so that no transport calls up into the tabs.
 */
struct transport_owner {
	void		(*ask)(struct tab *, struct question *);
	void		(*unask)(struct tab *, void *);
	u_int		(*number)(const struct tab *);
	int		(*reconnect)(struct tab *, char **);
	int		tabless;	/* asks without a tab (--diagnose) */
};

/* What a tab tells the user interface (tab.c; ui.c registers them). */
/* Who watches a tab (a macro): its text, its link, its end (tab.c). */
struct tab_watch {
	void		(*input)(void *, const char *, size_t); /* UTF-8 */
	void		(*event)(void *, int);	/* 1 connecting, 2 connected,
						   0 closed */
	void		(*closed)(void *);	/* the tab is going */
	int		(*full)(void *);	/* 1: read nothing more now
						   (a macro's setsync 1) */
	void		(*xfer)(void *, int);	/* its transfer ended, well (1)
						   or not */
};

struct tab_ui {
	void		(*bell)(struct tab *);	/* the visible tab rang */
	void		(*size)(u_int *, u_int *); /* for a new tab */
	void		(*pushed)(struct tab *, u_int); /* lines scrolled */
	void		(*forget)(struct tab *);	/* it is going */
	/* its program sent an OSC 52 ("52;Pc;Pd") */
	void		(*clip)(struct tab *, const char *, size_t);
};

struct transport {
	const struct transport_ops *ops;
	void	       *data;
	struct tab     *tab;
	char	       *cause;		/* why it closed */
	int		exited;		/* the peer has ended */
	int		status;		/* wait status when exited */
};

#define TAB_JOBS	8	/* SFTP transfers at once per tab */

/* A tab: a terminal, its transport and what the UI shows of it. */
struct tab {
	u_int		id;
	struct term	term;
	struct transport tr;
	char	       *cmd;		/* what runs, for the title */
	int		flags;
#define TAB_EOF		0x01	/* transport has no more data */
#define TAB_DEAD	0x02	/* program ended, mark shown */
#define TAB_XOFF	0x04	/* user typed Ctrl+S */
#define TAB_BELL	0x08	/* bell while not visible */
#define TAB_FLOOD	0x10	/* read a full budget last pass */
#define TAB_ACTIVITY	0x100	/* its screen changed while not visible */
#define TAB_MARKED	0x200	/* one of the tabs typing is broadcast to */
#define TAB_LINKING	0x400	/* its connection is being made */
	struct codec   *rx;		/* received bytes to UTF-8, or NULL */
	struct codec   *tx;		/* UTF-8 to the peer's set, or NULL */
	char	       *outbuf;		/* typed bytes not yet written */
	size_t		outlen;
	size_t		outsize;
	struct question *question;	/* put to the user, or NULL */
	struct question *held;		/* a kept one a transport's hides */
	u_int		qgen;		/* changes with each question */
	struct form    *form;		/* ui.c's form for the question */
	u_int		form_gen;	/* the qgen it was made for */
	struct profile *prof;		/* where it connects and how: the one
					   description (dest.c reads it) */
	struct palette *pal;		/* its colours, NULL for the theme's */
	struct sesslog *log;		/* the session log, if one runs */
	const struct tab_watch *watch;	/* a macro's, or NULL */
	void	       *watch_data;
	/* scrollback view */
	int		view;		/* in scrollback view */
	u_int		view_off;	/* lines above the live screen */
	struct xfer    *xfer;		/* a file transfer (xfer.c), or NULL */
	int		xfer_oo;	/* O's of its peer's OO to drop */
	int		xfer_zfin;	/* a sent session: answer rz's ZFIN */
	int		xfer_watched;	/* its watcher (a macro) waits for it */
	int		xfer_auto;	/* a receive the peer's sz started */
	int		xfer_asking;	/* the files for a peer's rz are asked */
	struct sftpjob *jobs[TAB_JOBS];	/* SFTP transfers (tab-sftp.c) */
	struct sftpjob *watch_job;	/* the one its watcher waits for */
	struct recvfile *recvfile;	/* Receive file: the peer's bytes go
					   there (recvfile.c), or NULL */
	u_int		njobs;
	struct view    *vs;		/* the view's cursor, selection and
					   search (view-int.h) */
	int		stamps;		/* time stamps shown (tab_margin()) */
	struct tab     *next;
};
#define TAB_STAMP_COLS	11	/* "[HH:MM:SS] " */
#define TAB_STAMP_MIN	20	/* columns left for the program, at least */

#define SSHC_MAX_IDS	16	/* -i key files */

/* Where an SSH tab connects, from the command line. */
struct sshdest {
	char	       *user;
	char	       *host;
	u_int		port;
	char	      **ids;		/* -i key files */
	u_int		nids;
	int		use_config;	/* read ~/.ssh/config */
	const char     *config;
	double		connect_timeout;
	double		server_timeout;	/* for each answer of the server */
	u_int		keepalive;	/* seconds, 0 for none */
	int		tcp_keepalive;	/* SO_KEEPALIVE on the socket */
	const char     *term;		/* TERM for the remote side */
	const struct profile *prof;	/* the tab's profile, if any */
	const char     *password;	/* given on the command line */
	int		ask_password;	/* /ask4passwd */
	int		auth_strict;	/* /auth= given */
	char	       *jump;		/* jump hosts as OpenSSH's -J and
					   ProxyJump: "[user@]host[:port],..."
					   first dialled first; NULL: none
					   (or ProxyJump from the config) */
	int		fwd_agent;	/* ForwardAgent, -A */
	char	       *forwarding;	/* DefaultForwarding's syntax: "L8080:
					   web:80;R..." (forward.c) */
	int		diagnose;	/* --diagnose: check, do not log in */
	const char     *answer_cmd;	/* AnswerCommand */
	const char     *answer_prompt;	/* AnswerPrompt */
	const char     *password_cmd;	/* PasswordCommand */
	struct sshcfg_execs *execs;	/* Match exec's answers so far (a
					   tab's); NULL: run them, waiting */
	/* Set by route.c for each hop: */
	const struct sshcfg *cfg;	/* the hop's ssh_config (use_config) */
	const char     *proxy_command;	/* its ProxyCommand, or NULL */
};

/* One option of an ssh_config in force for a host (ssh-config.c). */
struct sshcfg_opt {
	char	       *key;		/* lower case */
	char	       *value;		/* the rest of the line */
};

/* What an ssh_config says for one host: its options in force, in order
 * (the first value of each wins), and notes on what was not taken. */
struct sshcfg {
	struct sshcfg_opt *opts;
	u_int		nopts;
	struct buf	notes;		/* lines "FILE line N: why" */
};

/* How the reader reaches files and commands: the real ones
 * (sshcfg_io_real), or the fuzzer's and the tests' in memory. */
struct sshcfg_io {
	/* The files a pattern names, sorted (the caller frees them). */
	char	     **(*glob)(void *, const char *, u_int *);
	/* A file's text and length with a NUL after it, or NULL. */
	char	      *(*read)(void *, const char *, size_t *);
	/* Match exec: 1 if the command exits 0, else 0; -1 and a cause if
	   it could not run in the seconds left (used time taken off). */
	int	       (*exec)(void *, const char *, double *, char **);
	void	       *arg;
};

/* A lookup: the host as given, and what the command line said. */
struct sshcfg_query {
	const char     *host;		/* as given: a name or an alias */
	const char     *user;		/* -l or user@, or NULL */
	u_int		port;		/* -p, or 0 */
	const char     *file;		/* -F: this file only; NULL:
					   ~/.ssh/config, /etc/ssh/ssh_config */
	const char     *home;		/* for ~/ and ~/.ssh */
	const char     *local_user;
	double	       *exec_budget;	/* seconds left for Match exec, shared
					   by several lookups; NULL: 5 */
	const struct sshcfg_io *io;	/* NULL: sshcfg_io_real */
};

/* ssh's tokens in Match exec and ProxyCommand (sshcfg_expand). */
struct sshcfg_tokens {
	const char     *h;		/* host name (after HostName) */
	const char     *n;		/* the name as given */
	const char     *r;		/* remote user */
	const char     *u;		/* local user */
	u_int		p;		/* port (0: 22) */
	const char     *d;		/* local home (files only), or NULL */
};

/* A serial line, from the command line. */
struct serial_opts {
	char	       *path;
	u_int		speed;
	int		databits;
	char		parity;		/* N E O M S */
	int		stopbits;
	int		flow;
	u_int		char_delay;	/* ms after each character sent */
	u_int		line_delay;	/* ms after each CR sent */
	int		send_nl;	/* what Enter sends */
	int		recv_nl;	/* what a received CR means */
#define SERIAL_NL_CR		0
#define SERIAL_NL_CRLF		1
#define SERIAL_NL_LF		2
	int		local_echo;
	int		wait_missing;	/* a device not there is waited for
					   (reconnecting one unplugged) */
#define SERIAL_FLOW_NONE	0
#define SERIAL_FLOW_XONXOFF	1
#define SERIAL_FLOW_RTSCTS	2
};

/* A telnet or raw TCP connection, from a profile. */
struct telnet_opts {
	char	       *host;
	u_int		port;
	int		telnet;		/* negotiate from the start */
	int		autodetect;	/* raw: become telnet on IAC */
	char	       *term;		/* TTYPE; NULL: tterm's --term */
	u_int		keepalive;	/* seconds idle before IAC NOP */
	u_int		timeout;	/* to connect, 0: tterm's default */
	int		send_nl;	/* SERIAL_NL_*: what Enter sends */
	int		local_echo;
};

/* Telnet commands and options (RFC 854, 855 and the option RFCs). */
#define TEL_IAC		255
#define TEL_DONT	254
#define TEL_DO		253
#define TEL_WONT	252
#define TEL_WILL	251
#define TEL_SB		250
#define TEL_BRK		243
#define TEL_NOP		241
#define TEL_SE		240
#define TELOPT_BINARY	0
#define TELOPT_ECHO	1
#define TELOPT_SGA	3
#define TELOPT_TTYPE	24
#define TELOPT_NAWS	31
#define TELOPT_COMPORT	44

/* What a telnet connection's user decides and hears (telnet.c). */
struct telnet_cb {
	/* The server sent WILL or DO opt: 1 to agree. */
	int		(*accept)(void *, u_char, u_char);
	/* Optional: the option is now on (after accept). */
	void		(*enabled)(void *, u_char, u_char);
	/* Optional: IAC SB ... IAC SE, the option first. */
	void		(*subneg)(void *, const u_char *, size_t);
	/* Optional: connected with telnet, or telnet found on raw. */
	void		(*connected)(void *);
};

enum telnet_phase { TP_RESOLVING, TP_CONNECTING, TP_OPEN, TP_CLOSED,
	TP_WAITING };

/* One telnet (or raw TCP) connection. */
struct telnet {
	const struct telnet_cb *cb;
	void	       *arg;
	const char     *peer;		/* N_("the console server") */
	int		negotiate;	/* telnet commands are spoken */
	int		autodetect;	/* raw until the server sends IAC */
	struct transport *tr;
	char	       *host;
	u_int		port;
	enum telnet_phase phase;
	double		deadline;
	double		connect_timeout;
	struct resolve *res;
	struct addrinfo *ai_list, *ai_next;
	char		ip[64];
	int		fd;
	int		last_errno;
	int		state;		/* of the command parser */
	u_char		verb;
	u_char		sb[64];
	size_t		sblen;
	u_char		sent_do[256];	/* last DO/DONT sent per option */
	u_char		sent_will[256];	/* last WILL/WONT sent */
	u_char		him[256];	/* options on at the server's side */
	u_char		us[256];	/* options on at ours */
	double		last_sent;
	char	       *out;		/* bytes to send */
	size_t		outlen;
	char	       *msg;		/* text for the tab */
	size_t		msglen;
};

/*
 * A profile: the settings of one destination, read from a TERATERM.INI
 * or a tterm profile (the same keys) and changed by the command line.
 * profile-keys.c's table says which key fills which field.
 */
#define PROF_NL_AUTO	3	/* CRReceive=AUTO */
struct profile {
	char	       *name;
	char	       *file;		/* where it came from, for saving */
	char	       *dir;		/* its folder, for relative paths */
	struct ini     *ini;		/* the file as read */
	struct profile *orig;		/* the values as read */
	struct buf	report;		/* what the import did, line by line */
	/* connection */
	int		serial;		/* Port=serial */
	int		telnet;
	int		telport;
	char	       *host;
	int		tcp_port;
	int		port_given;	/* on the command line: it beats
					   the ssh_config's Port, even 22 */
	int		com;		/* ComPort */
	char	       *device;		/* tterm: the device of COMn */
	char	       *command;	/* tterm: a local command */
	int		connect_timeout;
	int		server_timeout;	/* tterm: seconds for each answer */
	/* terminal */
	char	       *term_type;
	int		cols, rows;
	int		cr_send;	/* SERIAL_NL_* */
	int		cr_recv;	/* SERIAL_NL_* or PROF_NL_AUTO */
	int		local_echo;
	int		bs_del;		/* BSKey=DEL */
	int		delete_key;
	int		scrollback;
	int		beep;		/* 0 off, 1 on, 2 visual */
	int		clip_remote;	/* OSC 52: CLIP_WRITE | CLIP_READ */
#define CLIP_WRITE	1
#define CLIP_READ	2
	int		clip_hidden;	/* ... from a hidden tab too */
	int		mouse_tracking;	/* programs get the mouse */
	int		wheel_cursor;	/* the wheel as arrows (alt screen) */
	int		wheel_lines;	/* lines a wheel notch scrolls */
	int		mouse;		/* tterm uses the mouse at all */
	char	       *file_dir;	/* FileDir: received files */
	int		auto_zmodem;	/* a peer's sz starts a receive */
	char	       *title;
	char	       *startup_macro;	/* StartupMacro: a .ttl file */
	char	       *kanji_recv;
	char	       *kanji_send;
	char	       *language;	/* Tera Term 4 */
	char	       *russ_host;	/* Tera Term 4 */
	/* colours, 0xRRGGBB */
	int		vt_fg, vt_bg;
	int		bold_fg, bold_bg;
	int		bold_colour;	/* EnableBoldAttrColor */
	int		ansi[16];	/* in xterm's order */
	/* serial */
	int		speed;
	int		databits;
	int		parity;		/* N E O M S */
	int		stopbits;
	int		flow;		/* SERIAL_FLOW_* */
	int		char_delay, line_delay;
	/* logging */
	char	       *log_name;
	char	       *log_path;
	int		log_autostart, log_append, log_binary, log_plain;
	int		log_timestamp;
	char	       *log_ts_format;
	int		log_ts_type;
	int		tel_keepalive;
	int		tel_autodetect;
	int		tcp_local_echo;	/* TCP without telnet only */
	int		tcp_cr_send;	/* the same; -1 unset */
	/* [TTSSH] */
	int		ssh;		/* Enabled */
	char	       *user;
	int		user_type;
	int		auth;		/* DefaultAuthMethod */
	char	       *keyfile;
	char	       *known_hosts;
	int		heartbeat;
	int		fwd_agent;
	char	       *forwarding;
	char	       *cipher_order, *kex_order, *hostkey_order;
	char	       *mac_order, *comp_order;
	int		compression;
	char	       *jump;		/* tterm: ProxyJump */
	char	       *key_folder;	/* tterm: where keys are looked for */
	char	       *answer_cmd;	/* tterm: AnswerCommand */
	char	       *answer_prompt;	/* tterm: AnswerPrompt */
	char	       *password_cmd;	/* tterm: PasswordCommand */
	char	       *ids;		/* tterm: IdentityFiles, ';' between */
	char	       *ssh_config;	/* tterm: SSHConfig, "none": none */
	int		tcp_keepalive;	/* tterm: TCPKeepAlive */
	int		auth_only;	/* tterm: AuthMethodOnly (/auth=) */
	int		ask_password;	/* tterm: AskPassword (/ask4passwd) */
	/* [Hosts] */
	char	      **hosts;
	u_int		nhosts;
};

#define PROF_FLOW_DSRDTR	3	/* FlowCtrl=dsrdtr: not on Linux */
#define PROF_AUTH_RHOSTS	1
#define PROF_AUTH_PUBLICKEY	2
#define PROF_AUTH_PASSWORD	3
#define PROF_AUTH_KBDINT	5
#define PROF_AUTH_AGENT		16

/* How a profile key's value is read and written. */
enum pk_type {
	PK_ONOFF,	/* Tera Term core: on/off, the default decides */
	PK_BOOL,	/* [TTSSH]: a number or yes/y; "on" is false */
	PK_INT,		/* GetPrivateProfileInt, then the range */
	PK_STR,
	PK_KEY,		/* a key file: Windows paths mapped here */
	PK_DIR,		/* a folder: Windows paths mapped here */
	PK_PATHS,	/* files with ';' between them */
	PK_ENUM,
	PK_SIZE,	/* cols,rows */
	PK_RGB2,	/* r,g,b,r,g,b */
	PK_ANSI,	/* index,r,g,b groups */
	PK_ORDER,	/* an algorithm order string */
	PK_KANJI	/* a character set name */
};
enum { ORD_CIPHER = 1, ORD_KEX, ORD_HOSTKEY, ORD_MAC, ORD_COMP };
#define PKF_CASE	0x1	/* names compared case-sensitively */

struct pk_enum {
	const char     *name;
	int		value;
};

struct prof_key {
	const char     *section;
	const char     *key;
	enum pk_type	type;
	size_t		off;		/* the field in struct profile */
	size_t		off2;		/* a second one (rows, background) */
	long		min, max;	/* PK_ORDER: min is the ORD_* kind */
	const char     *def;		/* the default, as written; NULL unset */
	const struct pk_enum *names;
	int		flags;
	const char     *help;
};

#define FWD_FDS		4	/* listening sockets per local forward */
/* Where a remote forward is. */
enum { FR_RESOLVING, FR_WAIT, FR_ASKING, FR_LISTENING, FR_FAILED };

/* One forwarding of a tab's list (forward.c, forward-spec.c,
 * forward-remote.c and forward-socks.c). */
struct fwd {
	struct fwd     *next;
	int		kind;		/* 'L', 'R' or 'D' (SOCKS) */
	char	       *listen;	/* NULL: localhost; "": every address */
	u_int		lport;
	char	       *host;		/* D: NULL, each client names its own */
	u_int		hport;
	char	       *text;		/* "localhost:8080 -> web:80" */
	int		fds[FWD_FDS];	/* L, D: listening */
	u_int		nfds;
	int		state;		/* R: FR_* */
	struct resolve *res;		/* R: host, being resolved */
	struct addrinfo *ai;		/* R: host, resolved */
	u_int		bound;		/* R: the port the server listens on */
	double		deadline;
	int		sent;		/* R: the request left (forward_ask()) */
	u_int		tries;
};

/* A SOCKS client's handshake as far as it went (socks.c). */
#define SOCKS_HOST_MAX	255	/* a name, as SOCKS5 can give one */
#define SOCKS_MSG_MAX	(8 + 256 + 256)	/* SOCKS4a's longest request */
struct socks {
	int		version;	/* 4 or 5; 0 until the first byte */
	int		greeted;	/* SOCKS5: its method was taken */
	char		host[SOCKS_HOST_MAX + 1];	/* name or address */
	u_int		port;
	const char     *why;		/* why the client was refused */
	u_char		out[32];	/* what to send the client */
	size_t		outlen;
};
#define SOCKS_NEED	0	/* the message is not whole yet */
#define SOCKS_ANSWER	1	/* send out, then read on */
#define SOCKS_CONNECT	2	/* open host:port, then socks_reply() */
#define SOCKS_REFUSE	3	/* send out (it may be empty), then close */
/* SOCKS5's reply codes (SOCKS4 has only granted and rejected). */
#define SOCKS_OK		0
#define SOCKS_FAILURE		1
#define SOCKS_NOT_ALLOWED	2
#define SOCKS_NET_UNREACH	3
#define SOCKS_HOST_UNREACH	4
#define SOCKS_REFUSED		5
#define SOCKS_BAD_COMMAND	7
#define SOCKS_BAD_ADDRESS	8

typedef answer_cb form_cb;

/* A field of a dialog form (form_new_dialog). */
struct form_item {
	const char     *label;
	int		kind;
#define FORM_TEXT	0
#define FORM_SECRET	1	/* what is typed is not shown */
#define FORM_CHOICE	2	/* one of list, Left and Right go through */
#define FORM_PATH	3	/* text; Tab is the owner's (completion) */
	const char     *value;		/* the value shown first */
	const char    **list;		/* NULL-ended; text: what Up picks */
};

/* Options from the command line. */
struct options {
	int		prefix;		/* key code of the prefix key */
	u_int		scrollback;
	const char     *term;		/* TERM for children */
	const char     *theme;
	const char     *logfile;
	size_t		frame_bytes;	/* pace flood frames by bytes only */
	int		mouse;		/* tterm takes the mouse */
};

/* A modal overlay: takes the keys while up and is drawn last. */
struct overlay {
	void		(*draw)(struct overlay *);
	/* Returns 1 when the overlay is done and should be freed. */
	int		(*key)(struct overlay *, int, uint32_t);
	void		(*free)(struct overlay *);
	/* Optional: the screen changed size (overlays without win). */
	void		(*layout)(struct overlay *);
	void	       *data;
	void	       *win;		/* NULL: it draws its own (a form) */
	int		cursor;		/* show the cursor while it is up */
};

/* UI colours, from a theme. */
struct theme {
	short		tab_fg, tab_bg;
	short		active_fg, active_bg;
	short		status_fg, status_bg;
	short		alert_fg, alert_bg;
};

/*
 * The colours a tab's text is shown in (0xRRGGBB, -1 where the terminal's
 * own stay): Tera Term's VTColor, VTBoldColor and ANSIColor.
 */
struct palette {
	int		fg, bg;
	int		bold_fg;
	int		ansi[16];
};

/* TTL macros (ttl.c; ttl-int.h has the inside): what ttl_run() returns. */
#define TTL_RUNNING	0	/* more to do: call again after a pass */
#define TTL_WAITING	1	/* for text, a timer or an answer */
#define TTL_DONE	2
#define TTL_FAILED	3	/* ttl_failure() says where and why */

/* waitevent's bits (Tera Term's). */
#define TTL_EVENT_TIMEOUT	1
#define TTL_EVENT_UNLINK	2
#define TTL_EVENT_DISCONNECT	4
#define TTL_EVENT_CONNECT	8

#define TTL_SEND_NEWLINE	0x01	/* then the tab's newline (CRSend) */
#define TTL_SEND_BINARY		0x02	/* bytes as they are: no conversion */

/* What a macro asks of the tab it runs in (macro.c gives these). */
struct ttl_host {
	int	(*send)(void *, const char *, size_t, int); /* -1: no link */
	int	(*connect)(void *, const char *, char **); /* link state */
	int	(*link)(void *);		/* 0 none, 1 linked, 2 connected */
	void	(*disconnect)(void *);
	void	(*closett)(void *);
	void	(*show)(void *, const char *, size_t);	/* dispstr */
	char   *(*title)(void *);
	void	(*set_title)(void *, const char *);
	char   *(*hostname)(void *);
	void	(*ask)(void *, struct question *);	/* a dialog */
	void	(*unask)(void *);
	void	(*clear)(void *, int);		/* clearscreen */
	int	(*sendbreak)(void *);
	int	(*serial)(void *, const char *, int);	/* setbaud, ... */
	void	(*beep)(void *);
	int	(*may_write)(void *);	/* optional: 0 keeps the macro from
					   changing files (the fuzzer's) */
	int	(*log)(void *, int, const char *, long, char **);
	pid_t	(*spawn)(void *, const char *, const char *); /* exec */
	int	(*clipboard)(void *, const char *, char **); /* set, or get
					   when the text is NULL */
	void	(*unlink)(void *);		/* the macro leaves its tab */
	/* a file transfer (TTL_XFER_*) from a to b with its number (an
	   option, seconds); its end comes by ttl_xfer_done(); -1 with why
	   if it cannot start */
	int	(*transfer)(void *, int, const char *, const char *, int,
		    char **);
	int	(*connecting)(void *);	/* optional: 1 while connect's
					   connection is being made */
};
#define TTL_XFER_SCPSEND	1	/* local file, remote place or NULL */
#define TTL_XFER_SCPRECV	2	/* remote file, local place or NULL */
#define TTL_XFER_RECVFILE	3	/* local file; auto-stop seconds */
#define TTL_XFER_ZMODEMSEND	4	/* local file */
#define TTL_XFER_ZMODEMRECV	5	/* into FileDir */
#define TTL_XFER_XMODEMSEND	6	/* local file; 3: 1K blocks */
#define TTL_XFER_XMODEMRECV	7	/* local file; 2, 3: CRC */
#define TTL_XFER_YMODEMSEND	8	/* local file */
#define TTL_XFER_YMODEMRECV	9	/* into FileDir */

/* The log operations of struct ttl_host (the session log of the tab). */
#define TTL_LOG_OPEN	0	/* path; TTL_LOGF_* flags */
#define TTL_LOG_CLOSE	1
#define TTL_LOG_PAUSE	2
#define TTL_LOG_START	3
#define TTL_LOG_WRITE	4	/* text */
#define TTL_LOG_INFO	5	/* -1 none, else its flags; *name set */
#define TTL_LOG_ROTATE	6	/* "size" bytes, "rotate" count, "halt" */
#define TTL_LOGF_BINARY	0x01
#define TTL_LOGF_APPEND	0x02
#define TTL_LOGF_PLAIN	0x04
#define TTL_LOGF_STAMP	0x08
#define TTL_LOGF_HIDE	0x10
#define TTL_LOGF_SCREEN	0x20
#define TTL_LOGF_TSTYPE(f) (((f) >> 8) & 3)

/* options.c */
extern struct options opts;

/* clock.c */
double	 clock_now(void);

/* transport.c */
void	 transport_set_owner(const struct transport_owner *);
void	 transport_ask(struct tab *, struct question *);
void	 transport_unask(struct tab *, void *);
u_int	 transport_tab_number(const struct tab *);
int	 transport_reconnect(struct tab *, char **);

/* A source of events the loop waits on (source.c). */
struct source {
	const char     *name;
	u_int		(*count)(void);		/* fds it may add at most */
	int		(*pollfds)(struct pollfd *, int);
	double		(*deadline)(void);	/* seconds, or -1 */
	void		(*service)(void);	/* after each wait */
};

/* source.c */
void	 source_add(const struct source *);
u_int	 source_count(void);
int	 source_pollfds(struct pollfd *, int);
double	 source_deadline(void);
void	 source_service(void);

/* askcmd.c */
void	 askcmd_child_signals(void);
int	 askcmd_reaped(pid_t, int);
struct askcmd *askcmd_start(const char *, double, char **);
int	 askcmd_fd(const struct askcmd *);
double	 askcmd_deadline(const struct askcmd *);
int	 askcmd_step(struct askcmd *);
const char *askcmd_answer(struct askcmd *);
int	 askcmd_status(const struct askcmd *);
const char *askcmd_error(const struct askcmd *);
void	 askcmd_stop(struct askcmd *);
void	 askcmd_free(struct askcmd *);

/* question.c */
struct question *question_fields(const char *, const char *, u_int,
	    const char **, const int *, answer_cb, void *);
struct question *question_choice(const char *, const char *, const char *,
	    answer_cb, void *);
void	 question_set_value(struct question *, u_int, const char *);
void	 question_free(struct question *);

/* buf.c */
void	 buf_reserve(struct buf *, size_t);
void	 buf_add(struct buf *, const void *, size_t);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
char	*buf_take(struct buf *);
void	 buf_add_quoted(struct buf *, const char *);
void	 buf_free(struct buf *);

/* xmalloc.c */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
int	 xasprintf(char **, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	 xvasprintf(char **, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
void	 xappendf(char **, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 xfreezero(void *, size_t);
void	 freezero_str(char *);

/* dynlib.c */
int	 dynlib_load(struct dynlib *, char **);
void	 dynlib_need(struct dynlib *);

/* base64.c */
size_t	 base64_encode(char *, const void *, size_t);
int	 base64_decode(u_char *, const char *, size_t);

/* file.c */
char	*file_read(const char *, size_t, size_t *, char **);
int	 file_line(char **, char *, char **);
int	 file_write(const char *, const char *, size_t, char **);

/* log.c */
void	 log_open(const char *);
void	 log_close(void);
void	 log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 fatal(const char *, ...) __attribute__((format(printf, 1, 2)))
	    __attribute__((noreturn));
void	 log_fatal_hook(void (*)(void));

/* cell.c */
uint32_t cell_combo_add(struct grid *, const uint32_t *);
const uint32_t *cell_combo_get(const struct grid *, uint32_t);
size_t	 cell_chars(const struct grid *, const struct cell *,
	    uint32_t *, size_t);

/* grid.c */
void	 grid_init(struct grid *, u_int, u_int, struct history *);
void	 grid_free(struct grid *);
struct cell *grid_row(struct grid *, u_int);
void	 grid_set_dirty(struct grid *, u_int, u_int);
void	 grid_clean(struct grid *);
void	 grid_put(struct grid *, u_int, u_int, const uint32_t *, int,
	    const struct pen *);
void	 grid_erase(struct grid *, u_int, u_int, u_int, u_int,
	    const struct pen *);
void	 grid_scroll(struct grid *, u_int, u_int, u_int, u_int, int, int,
	    const struct pen *);
void	 grid_move(struct grid *, u_int, u_int, u_int, u_int, u_int, u_int);
int	 grid_resize(struct grid *, u_int, u_int, int);
uint32_t grid_stamp(struct grid *, u_int);

/*
 * The common case of grid_put(), inline for the parser's hot path: one
 * narrow code point over a narrow cell. Returns 0 when grid_put() must do
 * it (wide characters, combining marks, out of range).
 */
static inline int
grid_put_narrow(struct grid *g, u_int row, u_int col, uint32_t ch,
    const struct pen *p)
{
	struct cell	*c;
	u_int		 i;

	if (row >= g->rows || col >= g->cols || ch > CELL_CHMASK)
		return (0);
	i = g->top + row;
	if (i >= g->rows)
		i -= g->rows;
	c = &g->ring[i][col];
	if (CELL_ATTR(c) & (ATTR_WIDE | ATTR_WIDECONT))
		return (0);
	if (g->stamps[i] == 0)
		g->stamps[i] = g->now;
	c->ch = CELL_MAKE(ch, p->attr & ATTR_PENMASK);
	c->fg = p->fg;
	c->bg = p->bg;
	g->dirty[row] = 1;
	g->any_dirty = 1;
	return (1);
}

void	 grid_put_ascii(struct grid *, u_int, u_int, const char *, size_t,
	     const struct pen *);

/* history.c */
/*
 * A line history_get or history_pop gives is good until the next call of a
 * history function, on any history (they share a cache).
 */
void	 history_init(struct history *, u_int);
void	 history_free(struct history *);
void	 history_push(struct history *, struct grid *, const struct cell *,
	    u_int, uint32_t);
const struct hline *history_pop(struct history *);
const struct hline *history_get(const struct history *, u_int);
void	 history_decode(const struct hline *, struct grid *, struct cell *,
	    u_int);
void	 history_set_limit(struct history *, u_int);
void	 history_clear(struct history *);

/* term-charset.c */
void	 term_charset_reset(struct term_charsets *);
void	 term_charset_escape(struct term_charsets *, u_int, u_char, u_char);
void	 term_charset_text(struct term_charsets *, u_char);
void	 term_charset_save(struct term_charsets *);
size_t	 term_charset_restore(struct term_charsets *, char *, size_t);

/* term-guard.c */
void	 term_guard_feed(struct term_guard *, const char *, size_t,
	     term_guard_out, void *);
void	 term_guard_reset(struct term_guard *);
void	 term_guard_free(struct term_guard *);

/* term.c */
void	 term_init(struct term *, u_int, u_int, u_int, term_output_cb,
	    term_event_cb, void *);
void	 term_free(struct term *);
void	 term_input(struct term *, const char *, size_t);
void	 term_resize(struct term *, u_int, u_int);
const char *term_title(const struct term *);
const char *term_cwd(const struct term *);

/* lines.c */
u_int	 lines_count(const struct term *);
u_int	 lines_history(const struct term *);
u_int	 lines_id(const struct term *, u_int);
long	 lines_index(const struct term *, u_int);
const struct cell *lines_get(struct term *, u_int, struct grid **);
int	 lines_wrapped(struct term *, u_int);
uint32_t lines_stamp(struct term *, u_int);
void	 lines_text(struct grid *, const struct cell *, u_int, u_int,
	     struct buf *, struct buf *);
u_int	 lines_used(const struct cell *, u_int);

/* search.c */
struct search;
struct search_match {
	u_int		x0, x1;		/* columns [x0, x1) */
};
struct search *search_new(const char *, int, char **);
void	 search_free(struct search *);
const char *search_pattern(const struct search *);
u_int	 search_line(struct search *, struct term *, u_int,
	     struct search_match *, u_int);

/* colour.c */
int	 palette_from_profile(const struct profile *, struct palette *);
uint32_t palette_apply(const struct palette *, uint32_t, int, int);
int	 colour_to_rgb(uint32_t);
int	 colour_nearest_256(int);
int	 colour_nearest_16(int);
int	 colour_map(uint32_t, int, int);

/* keys.c */
#define KEYS_PASTE_START	(KEY_MAX + 1)
#define KEYS_PASTE_END		(KEY_MAX + 2)
void	 keys_init(void);
int	 keys_send(VTerm *, int, uint32_t, int);
int	 keys_parse_prefix(const char *);
const char *keys_prefix_name(int);

/* form.c */
struct form *form_new_fields(const char *, const char *, u_int, const char **,
	    const int *, form_cb, void *);
struct form *form_new_choice(const char *, const char *, const char *, form_cb,
	    void *);
struct form *form_from_question(const struct question *);
struct form *form_tab(struct tab *);
void	 form_free(struct form *);
void	*form_arg(const struct form *);
void	 form_draw(struct form *);
int	 form_key(struct form *, int, uint32_t);
int	 form_has_fields(const struct form *);
void	 form_layout(struct form *);
void	 form_answers_free(char **);
char	*form_clean(const char *);
struct form *form_new_dialog(const char *, const char *, const char *, u_int,
	    const struct form_item *);
int	 form_input(struct form *, int, uint32_t);
char	*form_value(struct form *, u_int);
void	 form_set_value(struct form *, u_int, const char *);
void	 form_set_text(struct form *, const char *);
u_int	 form_current(struct form *);
int	 form_index(const char **, const char *);
void	 form_choices(const char **, const char **);
long	 form_number(const char *, long, long);

/* ini.c */
struct ini *ini_parse(const char *, size_t, const char *);
struct ini *ini_load(const char *, const char *, char **);
void	 ini_free(struct ini *);
const char *ini_get(const struct ini *, const char *, const char *);
const char *ini_encoding(const struct ini *);
const char *ini_problems(const struct ini *);
int	 ini_next(const struct ini *, u_int *, char **, const char **,
	    const char **);
const char *ini_quote(const char *);
int	 ini_has_section(const struct ini *, const char *);
void	 ini_set(struct ini *, const char *, const char *, const char *);
int	 ini_unset(struct ini *, const char *, const char *);
char	*ini_encode(const struct ini *, size_t *);
int	 ini_save(const struct ini *, const char *, char **);

/* profile.c */
struct profile *profile_new(const char *);
void	 prof_note(struct profile *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 profile_free(struct profile *);
struct profile *profile_parse(const char *, const char *, size_t,
	    const char *);
struct profile *profile_load(const char *, const char *, char **);
struct profile *profile_copy(const struct profile *);
char	*profile_dump(const struct profile *);
int	 profile_save(struct profile *, const char *, char **);

/* profile-keys.c */
extern const struct prof_key prof_keys[];
const struct prof_key *prof_key_find(const char *, const char *);
int	 prof_key_ignored(const char *, const char *);
int	 prof_section_teraterm(const char *);

/* profile-value.c */
const char *prof_charset(const char *, int);
void	 prof_value_default(const struct prof_key *, struct profile *);
int	 prof_value_set(const struct prof_key *, struct profile *,
	    const char *, char **);
char	*prof_value_get(const struct prof_key *, const struct profile *);
void	 prof_value_copy(const struct prof_key *, struct profile *,
	    const struct profile *);

/* diagnose.c */
int	 diagnose_run(const struct profile *);

/* profile-report.c */
int	 prof_codepage_ok(const char *);
void	 profile_report_print(FILE *, const struct profile *);
int	 prof_keys_print(FILE *, int);

/* profile-path.c */
void	 prof_paths(struct profile *);
char	*profile_path(const char *);
char	*profile_config_path(const char *);
char	*profile_map_key(struct profile *, const char *);
int	 profile_mkdirs(const char *, char **);

/* hosts.c */
char	*hosts_path(void);
char	**hosts_load(u_int *);
void	 hosts_free(char **, u_int);
void	 hosts_push(char ***, u_int *, const char *);
int	 hosts_add(const char *, char **);
char	**hosts_load_list(const char *, u_int *);
int	 hosts_add_list(const char *, const char *, char **);

/* dialog.c */
void	 dialog_init(const struct profile *);
void	 dialog_free(void);
void	 dialog_open(void);

/* xfer-form.c */
void	 xfer_form_open(void);

/* settings.c */
struct profile *settings_profile(struct tab *);
void	 settings_open(struct tab *);
void	 settings_save(struct tab *);

/* sesslog.c */
struct sesslog *sesslog_open(const struct profile *, const char *, int,
	    char **);
const char *sesslog_path(const struct sesslog *);
void	 sesslog_write(struct sesslog *, const char *, size_t);
void	 sesslog_close(struct sesslog *);
void	 sesslog_pause(struct sesslog *, int);
void	 sesslog_set_rotate(struct sesslog *, off_t, int);
void	 sesslog_note(struct sesslog *, const char *, size_t);
void	 sesslog_toggle(struct tab *, char **);

/* cmdline.c: the profile side of the command line. */
int	 cmdline_teraterm_style(int, char **);
struct profile *cmdline_profile(const char *, const char *, int, char **,
	    struct ttcmd *);
int	 cmdline_action(int, const char *, const char *);
int	 cmdline_option(struct profile *, const char *, char **);

/* dest.c */
enum dest_kind {
	DEST_LOCAL,
	DEST_SERIAL,
	DEST_RFC2217,
	DEST_SSH,
	DEST_TELNET
};
enum dest_kind dest_kind(const struct profile *);
int	 dest_rfc2217_parse(const char *, char **, u_int *);
u_int	 dest_tcp_port(const struct profile *);
void	 dest_serial(const struct profile *, struct serial_opts *, char **);
void	 dest_ssh(const struct profile *, struct sshdest *);
void	 dest_ssh_free(struct sshdest *);
void	 dest_telnet(const struct profile *, struct telnet_opts *);
char	*dest_name(const struct profile *);

/* open.c */
struct tab *open_profile(struct profile *, const struct ttcmd *, char **);
struct tab *open_duplicate(struct tab *, char **);
void	 open_settings(struct tab *, struct profile *);
int	 open_again(struct tab *, struct profile *, const struct ttcmd *,
	    char **);
int	 open_host_line(struct ttcmd *);

/* ttl.c */
struct ttl_file;
struct ttl *ttl_new(struct ttl_file *, int, char **, const struct ttl_host *,
	    void *);
struct ttl *ttl_open(const char *, int, char **, const struct ttl_host *,
	    void *, char **);
void	 ttl_free(struct ttl *);
int	 ttl_run(struct ttl *);
double	 ttl_deadline(const struct ttl *);
void	 ttl_feed(struct ttl *, const char *, size_t);
void	 ttl_event(struct ttl *, int);
void	 ttl_answer(struct ttl *, const char *, int32_t);
const char *ttl_name(const struct ttl *);
const char *ttl_failure(const struct ttl *);
int	 ttl_exit_code(const struct ttl *);
char	*ttl_status(const struct ttl *);
int	 ttl_answered(const struct ttl *);
int	 ttl_child(struct ttl *, pid_t, int);
int	 ttl_xfer_done(struct ttl *, int);
int	 ttl_full(const struct ttl *);

/* macro.c: what the macros ask of the user interface (frame.c gives it). */
struct macro_ui {
	void	(*clipboard)(const char *, size_t);	/* var2clipb: OSC 52 */
};
void	 macro_set_ui(const struct macro_ui *);
int	 macro_start(struct tab *, const char *, int, char **, char **);
int	 macro_stop(struct tab *);
void	 macro_stop_all(void);
void	 macro_reaped(pid_t, int);
int	 macro_exit_status(void);
char	*macro_status(const struct tab *);

/* ttcmd.c: a Tera Term command line applied to a profile. */
struct ttcmd {
	struct profile *p;
	char	       *password;	/* /passwd=, ssh://u:pw@ */
	int		ask4passwd;
	int		auth;		/* /auth= given */
	int		keyfile;	/* /keyfile= given */
	int		got_host, got_port;
	int		telnet;		/* telnet://, /telnet, /T=1 */
	char	       *macro;		/* /M=file */
	char	       *warnings;
	char	       *error;
};
char	**ttcmd_split(const char *);
void	 ttcmd_free_argv(char **);
char	*ttcmd_redact(const char *);
int	 ttcmd_is_option(const char *);
int	 ttcmd_arg(struct ttcmd *, const char *);
int	 ttcmd_line(struct ttcmd *, const char *);
char	*ttcmd_inifile(char **);
void	 ttcmd_clear(struct ttcmd *);

/* ssh-algo.c */
char	*algo_decode(int, const char *, char **);
const char *algo_kind_name(int);
int	 algo_legacy_name(const char *);
/* codec.c */
#define CODEC_RECV	0
#define CODEC_SEND	1
const char *codec_lookup(const char *);
char	*codec_names(void);
int	 codec_new(struct codec **, const char *, int, char **);
void	 codec_free(struct codec *);
const char *codec_name(const struct codec *);
void	 codec_reset(struct codec *);
const char *codec_convert(struct codec *, const char *, size_t, size_t *);
const char *codec_send_end(struct codec *, size_t *);

/* text.c */
char	*text_clean(const char *, int);
int	 text_width(const char *);
u_int	 text_width_n(const char *, size_t);
int	 text_cut(const char *, int, char *, size_t);
int	 text_cut_middle(const char *, int, char *, size_t);
char	*text_wrap(const char *, u_int);
int	 text_utf8_valid(const char *, size_t);

/* net.c */
struct addrinfo;
struct resolve *resolve_start(const char *, u_int, char **);
int	 resolve_fd(const struct resolve *);
int	 resolve_done(struct resolve *, struct addrinfo **, int *);
int	 resolve_finish(struct resolve **, struct addrinfo **, int *);
void	 resolve_free(struct resolve *);
int	 net_connect(const struct addrinfo *, int);
int	 net_connected(int);
int	 net_connect_step(int *, int);
void	 net_address(const struct addrinfo *, char *, size_t);
char	*net_ssh_where(const char *, u_int);
int	 net_try(struct addrinfo **, int, char *, size_t, int *);
void	 net_diag_resolve(int, const char *, char **, char **);
void	 net_diag_connect(int, const char *, const char *, u_int, double,
	    const char *, char **, char **);

/* serial.c */
extern const struct transport_ops serial_ops;
int	 serial_open(struct transport *, const struct serial_opts *, char **);
int	 serial_gone(const struct transport *);
int	 serial_parse_line(const char *, struct serial_opts *);

/* serial-speed.c */
int	 serial_custom_speed(int, u_int, u_int *);

/* telnet.c */
void	 telnet_queue(struct telnet *, const void *, size_t);
void	 telnet_send(struct telnet *, const void *, size_t);
void	 telnet_show(struct telnet *, const void *, size_t);
void	 telnet_say(struct telnet *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 telnet_fail(struct telnet *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 telnet_verb(struct telnet *, u_char, u_char);
void	 telnet_command(struct telnet *, u_char);
void	 telnet_subneg(struct telnet *, u_char, const u_char *, size_t);
void	 telnet_flush(struct telnet *);
void	 telnet_wait(struct telnet *, struct transport *, const char *, u_int,
	    const char *);
void	 telnet_attach(struct telnet *, int);
int	 telnet_start(struct telnet *, struct transport *, const char *,
	    u_int, u_int, char **);
void	 telnet_service(struct telnet *);
int	 telnet_pollfds(struct telnet *, struct pollfd *, int, int);
double	 telnet_deadline(struct telnet *);
size_t	 telnet_input(struct telnet *, char *, size_t);
ssize_t	 telnet_read(struct telnet *, char *, size_t);
const char *telnet_phase_name(const struct telnet *);
void	 telnet_free(struct telnet *);

/* telnet-client.c */
extern const struct transport_ops telnet_ops;
struct telnet *telnet_client_new(struct transport *, const struct telnet_opts *,
	    u_int, u_int);
int	 telnet_open(struct transport *, const struct telnet_opts *, u_int,
	    u_int, char **);

/* rfc2217.c */
extern const struct transport_ops rfc2217_ops;
struct telnet *rfc2217_new(struct transport *, const struct serial_opts *);
int	 rfc2217_open(struct transport *, const char *, u_int,
	    const struct serial_opts *, const struct sshdest *, struct tab *,
	    char **);

/* ssh-prep.c */
struct sshprep *sshprep_new(const struct sshdest *);
int	 sshprep_step(struct sshprep *);
int	 sshprep_fd(const struct sshprep *);
double	 sshprep_deadline(const struct sshprep *);
const struct sshdest *sshprep_dest(const struct sshprep *);
const char *sshprep_command(const struct sshprep *);
void	 sshprep_free(struct sshprep *);

/* ssh.c */
extern const struct transport_ops sshtab_ops;
int	 sshtab_open(struct transport *, struct tab *, const struct sshdest *,
	    u_int, u_int, char **);
struct sftpc *sshtab_sftp(struct transport *, char **);
struct tunnel *sshtab_exec(struct transport *, const char *, char **);

/* sftp-msg.c: SFTP version 3 */
#define SSH_FXP_INIT		1
#define SSH_FXP_VERSION		2
#define SSH_FXP_OPEN		3
#define SSH_FXP_CLOSE		4
#define SSH_FXP_READ		5
#define SSH_FXP_WRITE		6
#define SSH_FXP_LSTAT		7
#define SSH_FXP_FSTAT		8
#define SSH_FXP_OPENDIR		11
#define SSH_FXP_READDIR		12
#define SSH_FXP_REMOVE		13
#define SSH_FXP_MKDIR		14
#define SSH_FXP_REALPATH	16
#define SSH_FXP_STAT		17
#define SSH_FXP_RENAME		18
#define SSH_FXP_STATUS		101
#define SSH_FXP_HANDLE		102
#define SSH_FXP_DATA		103
#define SSH_FXP_NAME		104
#define SSH_FXP_ATTRS		105
#define SSH_FXP_EXTENDED	200
#define SSH_FXP_EXTENDED_REPLY	201
#define SSH_FXF_READ		0x01
#define SSH_FXF_WRITE		0x02
#define SSH_FXF_CREAT		0x08
#define SSH_FXF_TRUNC		0x10
#define SSH_FXF_EXCL		0x20
#define SSH_FILEXFER_ATTR_SIZE		0x01
#define SSH_FILEXFER_ATTR_UIDGID	0x02
#define SSH_FILEXFER_ATTR_PERMISSIONS	0x04
#define SSH_FILEXFER_ATTR_ACMODTIME	0x08
#define SSH_FILEXFER_ATTR_EXTENDED	0x80000000U
#define SSH_FX_OK		0
#define SSH_FX_EOF		1
#define SSH_FX_NO_SUCH_FILE	2
#define SSH_FX_FAILURE		4
#define SSH_FX_CONNECTION_LOST	7
struct sftp_attrs {
	uint32_t	flags;
	uint64_t	size;
	uint32_t	perm;		/* with the type bits (S_IFDIR) */
	uint32_t	atime, mtime;
};
struct sftp_name {
	char	       *name;
	struct sftp_attrs a;
};
/* A reply; type 0 means the session ended before one came (msg: why). */
struct sftp_reply {
	u_int		type;
	uint32_t	status;		/* STATUS's code; VERSION's version */
	const char     *msg;		/* STATUS's text (msglen), not ended */
	size_t		msglen;
	const char     *data;		/* HANDLE, DATA */
	size_t		len;
	struct sftp_attrs attrs;	/* ATTRS */
	struct sftp_name *names;	/* NAME */
	u_int		nnames;
};
void	 sftpm_put32(struct buf *, uint32_t);
void	 sftpm_put64(struct buf *, uint64_t);
void	 sftpm_putstr(struct buf *, const void *, size_t);
void	 sftpm_putattrs(struct buf *, long);
size_t	 sftpm_begin(struct buf *, u_int, uint32_t);
void	 sftpm_end(struct buf *, size_t);
int	 sftpm_parse(const void *, size_t, struct sftp_reply *, uint32_t *);
int	 sftpm_has_extension(const struct sftp_reply *, const char *);
void	 sftpm_clear(struct sftp_reply *);
const char *sftpm_status_text(uint32_t);

/* sftpc.c */
typedef void (*sftpc_cb)(void *, const struct sftp_reply *);
const char *sftpc_failed(struct sftpc *);
int	 sftpc_ready(struct sftpc *);
int	 sftpc_no_sftp(struct sftpc *);
void	 sftpc_later(struct sftpc *, void (*)(void *), void *);
int	 sftpc_busy(struct sftpc *);
u_int	 sftpc_path(struct sftpc *, u_int, const char *, sftpc_cb, void *);
u_int	 sftpc_open(struct sftpc *, const char *, uint32_t, long, sftpc_cb,
	    void *);
u_int	 sftpc_handle(struct sftpc *, u_int, const char *, size_t, sftpc_cb,
	    void *);
u_int	 sftpc_read(struct sftpc *, const char *, size_t, uint64_t, uint32_t,
	    sftpc_cb, void *);
u_int	 sftpc_write(struct sftpc *, const char *, size_t, uint64_t,
	    const char *, size_t, sftpc_cb, void *);
u_int	 sftpc_mkdir(struct sftpc *, const char *, long, sftpc_cb, void *);
u_int	 sftpc_rename(struct sftpc *, const char *, const char *, sftpc_cb,
	    void *);

/* tunnel.c */
#define TUNNEL_OPENING	0
#define TUNNEL_OPEN	1
#define TUNNEL_FAILED	2
struct tunnel *tunnel_new(struct sshc *, const char *, u_int);
void	 tunnel_free(struct tunnel *);
int	 tunnel_state(struct tunnel *, const char **);
int	 tunnel_take_fd(struct tunnel *);

/* forward-spec.c */
struct fwd *forward_spec_item(int, const char *, const char **);
char	*forward_later(const char *);

/* socks.c */
int	 socks_parse(struct socks *, const u_char *, size_t, size_t *);
void	 socks_reply(struct socks *, int, int, const void *, u_int);
int	 socks_code(const char *);

/* route.c */
#define ROUTE_WAIT	0
#define ROUTE_READY	1
#define ROUTE_FAILED	2
const char *route_prepare(const struct sshdest *, int);
struct route *route_open(const struct sshdest *, int, struct tab *,
	    char **);
void	 route_close(struct route *);
struct sshc *route_last(struct route *);
int	 route_check(struct route *, const char **);
void	 route_say(struct route *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 route_out(struct route *, const char *, size_t);
ssize_t	 route_read(struct route *, char *, size_t);
u_int	 route_activity(struct route *);
const char *route_name(struct route *);
void	 route_status(struct route *, char *, size_t);
int	 route_parse_hop(const char *, struct sshdest *);
const char *route_dynamic(struct route *);

/* ssh-check.c: --diagnose's exit status, the step that failed */
#define SSHCHECK_OK		0
#define SSHCHECK_USAGE		1
#define SSHCHECK_NAME		2
#define SSHCHECK_TCP		3
#define SSHCHECK_GREETING	4
#define SSHCHECK_KEX		5
#define SSHCHECK_HOSTKEY	6
#define SSHCHECK_AUTH		7
#define SSHCHECK_JUMP		8
int	 sshcheck_run(const struct sshdest *, FILE *);

/* ssh-config.c */
#define SSHCFG_SYSTEM	"/etc/ssh/ssh_config"
#define SSHCFG_EXEC	5.0	/* seconds for Match exec in one lookup */
struct sshcfg *sshcfg_read(const struct sshcfg_query *);
const char *sshcfg_get(const struct sshcfg *, const char *);
void	 sshcfg_proxy(const struct sshcfg *, const char **, const char **);
char	*sshcfg_hostname(const struct sshcfg *, const char *);
char	*sshcfg_expand(const char *, const struct sshcfg_tokens *, char **);
char   **sshcfg_files(const struct sshcfg *, const char *,
	    const struct sshcfg_tokens *, u_int *, struct buf *);
char	*sshcfg_text(const struct sshcfg *, size_t *);
char	*sshcfg_dynamic(const struct sshcfg *);
void	 sshcfg_free(struct sshcfg *);
int	 sshcfg_pattern(const char *, const char *, int);
int	 sshcfg_pattern_list(const char *, const char *, int);

/* ssh-config-io.c */
extern const struct sshcfg_io sshcfg_io_real;
struct sshcfg_execs *sshcfg_execs_new(void);
const struct sshcfg_io *sshcfg_execs_io(struct sshcfg_execs *);
void	 sshcfg_execs_reset(struct sshcfg_execs *);
const char *sshcfg_execs_pending(const struct sshcfg_execs *);
double	 sshcfg_execs_left(const struct sshcfg_execs *);
void	 sshcfg_execs_set(struct sshcfg_execs *, const char *, int,
	     const char *, double);
void	 sshcfg_execs_free(struct sshcfg_execs *);

/* proxy.c */
int	 proxy_reaped(pid_t, int);

/* ssh-hostkey.c */
u_int	 hostkey_find_text(char *, size_t, const char *, char **);
u_int	 hostkey_marked_text(char *, size_t, const char *, const char *,
	    void *, char **);

/* ssh-auth.c */
int	 sshauth_cert_matches(const char *, const char *);

/* pty.c */
extern const struct transport_ops pty_ops;
int	 pty_open(struct transport *, const char *, u_int, u_int, char **);

/* xfer.c */
struct xfer_cb {
	void	(*write)(void *, const char *, size_t);	/* to the peer */
	/* it ended: what happened, O's of the peer's OO still to come, and
	   whether it went well */
	void	(*done)(void *, const char *, int, int);
};
#define XFER_RECEIVE	1
#define XFER_SEND	2
#define XFER_XMODEM	0	/* checksum */
#define XFER_XMODEM_CRC	1
#define XFER_XMODEM_1K	2
#define XFER_YMODEM	3	/* batch, 1K blocks */
#define XFER_ZMODEM	4
long	 xfer_detect(const char *, size_t, int *);
struct xfer *xfer_send_wait(const struct xfer_cb *, void *);
int	 xfer_send_files(struct xfer *, const char *, char **);
size_t	 xfer_zfin_at(const char *, size_t);
int	 xfer_ending(const struct xfer *);
struct xfer *xfer_start(int, int, const char *, const char *,
	     const struct xfer_cb *, void *, char **);
size_t	 xfer_input(struct xfer *, const char *, size_t);
int	 xfer_full(const struct xfer *);
const char *xfer_status(const struct xfer *);
int	 xfer_reaped(pid_t, int);
void	 xfer_cancel(struct xfer *);
void	 xfer_forget(struct xfer *);

/* xfer-cmd.c */
extern const char *xfer_protocols[];
char	*xfer_cmd_path(const char *);
int	 xfer_command(int, int, const char *, char **, char **, char **);

/* scpjob.c */
struct scpjob;
struct scpjob_cb {
	/* it ended: why not (NULL: well), files moved, names taken */
	void	(*done)(void *, const char *, u_int, u_int);
};
struct scpjob *scpjob_start(struct tunnel *(*)(void *, const char *, char **),
	     void *, int, const char *, const char *, int,
	     const struct scpjob_cb *, void *, char **);
void	 scpjob_cancel(struct scpjob *);
uint64_t scpjob_done_bytes(const struct scpjob *);

/* sftpjob.c */
#define SFTPJOB_OVERWRITE	0
#define SFTPJOB_RENAME		1	/* keep both: name.1 */
#define SFTPJOB_SKIP		2
struct sftpjob;
struct sftpjob_cb {
	void	(*done)(void *, struct sftpjob *, int, const char *); /* ok */
	/* a command's stream on the tab's connection (scp), or NULL */
	struct tunnel *(*exec)(void *, const char *, char **);
};
struct sftpjob *sftpjob_start(struct sftpc *, int, const char *,
	     const char *, int, const struct sftpjob_cb *, void *, char **);
void	 sftpjob_cancel(struct sftpjob *);
void	 sftpjob_forget(struct sftpjob *);
const char *sftpjob_status(struct sftpjob *);

/* path.c */
const char *path_last(const char *);
char	*path_join(const char *, const char *);
char	*path_hidden(const char *);

/* complete.c */
char	*complete_path(const char *, char **);

/* recvfile.c */
struct recvfile;
struct recvfile_cb {
	void	(*done)(void *, int, const char *);	/* fell quiet (1) */
};
struct recvfile *recvfile_start(const char *, double,
	     const struct recvfile_cb *, void *, char **);
void	 recvfile_input(struct recvfile *, const char *, size_t);
void	 recvfile_stop(struct recvfile *, int);
const char *recvfile_status(struct recvfile *);

/* tab-sftp.c */
int	 tab_sftp_start(struct tab *, int, const char *, const char *, int,
	     int, char **);
int	 tab_sftp_status(struct tab *, char *, size_t);
int	 tab_sftp_cancel(struct tab *, u_int);
const char *tab_sftp_cwd(struct tab *);

/* tab.c */
void	 tab_say(struct tab *, const char *);
int	 tab_recvfile(struct tab *, const char *, double, char **);
extern struct tab *tabs;
extern struct tab *tab_active;
extern u_int tab_generation;
struct tab *tab_open(struct profile *, const char *, char **);
int	 tab_reconfigure(struct tab *, char **);
int	 tab_set_charsets(struct tab *, const char *, const char *, char **);
void	 tab_set_ui(const struct tab_ui *);
void	 tab_question_done(struct tab *, u_int);
void	 tab_poke(struct tab *);
int	 tab_reconnect(struct tab *, const char *, char **);
int	 tab_connecting(const struct tab *);
struct tab *tab_open_idle(struct profile *, const char *);
void	 tab_disconnect(struct tab *, const char *);
void	 tab_watch(struct tab *, const struct tab_watch *, void *);
int	 tab_send(struct tab *, const char *, size_t, int);
int	 tab_xfer_start(struct tab *, int, int, const char *, const char *,
	     int, char **);
void	 tab_ask(struct tab *, struct question *);
void	 tab_unask(struct tab *, void *);
double	 tab_timeout(struct tab *);
int	 tab_pending(struct tab *);
void	 tab_close(struct tab *);
void	 tab_select(struct tab *);
struct tab *tab_at(u_int);
u_int	 tab_index(const struct tab *);
u_int	 tab_count(void);
u_int	 tab_count_live(void);
int	 tab_pollfds(struct tab *, struct pollfd *, int);
void	 tab_service(struct tab *, const struct pollfd *, int, size_t);
void	 tab_write(struct tab *, const char *, size_t);
void	 tab_hold(void);
void	 tab_release(void);
void	 tab_reaped(pid_t, int);
void	 tab_resize_all(u_int, u_int);
u_int	 tab_margin(const struct tab *);
int	 tab_set_stamps(struct tab *, int);
const char *tab_title(const struct tab *);
char	*tab_destination(const struct tab *);
void	 tab_exit_text(const struct tab *, char *, size_t);

/* macro-form.c */
void	 sftp_form_open(void);
void	 macro_form_open(void);
void	 macro_form_stop(void);

/* ui.c: the outer terminal's clipboard */
void	 ui_clipboard(const char *, size_t);
void	 ui_mouse(int);

/* ui-crash.c */
struct termios;
void	 ui_crash_arm(const struct termios *);
void	 ui_crash_disarm(void);

/* ui-term.c */
int	 ui_term_direct(void);

/* ui.c */
extern int ui_active;
extern int ui_colors;
extern int ui_direct;
extern int ui_redraw_bars;
void	 ui_start(void);
void	 ui_end(void);
void	 ui_size(u_int *, u_int *);
void	 ui_windows(void **, void **, void **);
int	 ui_layout(u_int *, u_int *);
void	 ui_message(const char *, ...) __attribute__((format(printf, 1, 2)));
int	 ui_text(void *, const char *, int);
void	*ui_main_window(void);
const char *ui_message_text(void);
double	 ui_message_wait(void);

/* frame.c */
void	 frame_start(void);
void	 frame_end(void);
void	 frame_resize(void);
void	 frame_keys(void);
void	 frame_draw(int);

/* draw.c */
void	 draw_tab(struct tab *, void *, int);
struct tab *draw_tabbar_at(int);
int	 draw_view_cursor(struct tab *);
void	 draw_tabbar(void *);
void	 draw_status(void *);
int	 draw_bars_stale(int);
int	 draw_pair(int, int);
void	 draw_reset_cache(void);

/* cmd.c */
void	 cmd_key(int, uint32_t, int);
int	 cmd_prefix_pending(void);
extern int cmd_quitting;
extern double cmd_last_key;
void	 cmd_help_lines(void (*)(const char *, const char *, void *), void *);

/* overlay.c */
extern struct overlay *overlay_top;
struct overlay *overlay_open(void *, void (*)(struct overlay *),
	    int (*)(struct overlay *, int, uint32_t),
	    void (*)(struct overlay *), int, int);
typedef void (*overlay_lines)(void (*)(const char *, const char *, void *),
	    void *);
void	 overlay_help(overlay_lines);
void	 overlay_confirm(const char *, void (*)(void *), void *);
void	 overlay_form(struct form *, int (*)(void *, struct form *, int),
	    void (*)(void *), void *);
int	 overlay_key(int, uint32_t);
void	 overlay_draw(void);
void	 overlay_close(void);
void	 overlay_layout(void);

/* tablist.c */
void	 tablist_open(void);

/* broadcast.c */
int	 broadcast_on(void);
int	 broadcast_in_set(const struct tab *);
int	 broadcast_target(const struct tab *);
u_int	 broadcast_count(void);
void	 broadcast_mark(struct tab *);
void	 broadcast_toggle(void);
void	 broadcast_compose(void);

/* view.c */
void	 view_enter(struct tab *);
void	 view_leave(struct tab *);
int	 view_key(struct tab *, int, uint32_t);
void	 view_pushed(struct tab *, u_int);
void	 view_forget(struct tab *);
int	 view_cursor_row(struct tab *, u_int *);
u_int	 view_offset(struct tab *);

/* view-search.c */
void	 view_search_open(struct tab *);
int	 view_search_status(struct tab *, char *, size_t);

/* copy.c */
void	 copy_paste(struct tab *);
void	 copy_from_program(struct tab *, const char *, size_t);

/* mouse.c */
int	 mouse_read(void);
void	 mouse_event(int, u_int, u_int, int);
int	 mouse_mode(void);

/* theme.c */
extern struct theme theme;
extern const struct palette *theme_palette;
int	 theme_load(const char *, char **);

/* loop.c */
extern volatile sig_atomic_t sig_winch, sig_chld, sig_term;
void	 loop_signals(void);
void	 loop_run(void);

#endif
