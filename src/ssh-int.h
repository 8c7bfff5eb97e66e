/*
 * ssh-int.h: the inside of tterm's SSH connections, for the files that
 * make them (sshc.c, sshconn.c, ssh-*.c, tunnel.c, route.c, forward*.c,
 * ssh.c). The rest of tterm sees struct sshc only as a name.
 */
#ifndef SSH_INT_H
#define SSH_INT_H

#include "ssh-lib.h"

/* The phases of one SSH connection, to a jump host or a destination. */
enum sshc_phase {
	SP_FORWARD,		/* a tunnel through the previous hop */
	SP_RESOLVING,
	SP_CONNECTING,
	SP_KEX,
	SP_HOSTKEY,
	SP_AUTH,
	SP_READY,		/* logged in: channels can be opened */
	SP_CLOSED
};

#define SA_CODE		0x1	/* AnswerCommand for a round */
#define SA_PASSWORD	0x2	/* PasswordCommand for the password */
#define SA_KBDPASSWORD	0x4	/* PasswordCommand for a round */

#define SSHC_KA_MISSES	3	/* unanswered keepalives before giving up */

/*
 * One SSH connection to one hop (sshconn.c and the ssh-*.c parts). Jump
 * hosts are shared by every tab whose route passes through them and are
 * counted; a destination belongs to one tab. A hop behind another runs
 * over a tunnel: a direct-tcpip channel of the previous hop.
 */
struct sshc {
	struct sshc    *next;		/* all connections, oldest first */
	u_int		refs;
	int		shared;		/* a jump host */
	struct sshc    *via;		/* the previous hop, or NULL */
	struct tunnel  *tun;		/* the transport through via */
	struct proxy   *proxy;		/* or its ProxyCommand (proxy.c) */
	double		proxy_wait;	/* it closed: its status awaited until */
	struct tab     *tab;		/* shows its progress and questions */
	char	       *name;		/* as the user wrote it */
	char	       *hopid;		/* user@host:port, for sharing */
	char	       *label;		/* "" or "Jump host name: " for forms */
	char	       *cause;		/* why it closed */
	int		was_ready;	/* logged in once: a loss, not a failure */
	int		revive;		/* just logged in: revive lost tabs */
	int		kick;		/* step at the next pass (sshc_kick) */
	int		authed;		/* ssh-auth.c: the server said yes */
	int		diagnose;	/* list the ways in, do not log in */
	int		diagnosed;	/* and that was done */
	int		hk_unknown;	/* its host key was not known */
	int		greeting_said;
	/* answers from commands (ssh-answer.c) */
	char	       *answer_cmd;
	void	       *answer_re;	/* AnswerPrompt (an OnigRegex) */
	char	       *password_cmd;
	struct askcmd  *acmd;		/* running */
	int		acmd_kind;	/* SA_* */
	int		answered;	/* SA_CODE, SA_PASSWORD: used up */
	int		answer_form;	/* it failed: the round's form now */
	char	       *answer_note;	/* why, for the form's text */
	enum sshc_phase	fail_phase;	/* where it failed */
	/* Told of each change of phase, before it (ssh-check.c). */
	void	      (*on_phase)(struct sshc *, enum sshc_phase);
	void	      (*release)(struct sshc *);	/* the last user left */
	u_int		activity;	/* changes when a tab may have news */
	enum sshc_phase	phase;
	double		deadline;
	int		waiting;	/* a form is up */
	char	       *host;
	char	       *user;
	u_int		port;
	double		connect_timeout;
	double		server_timeout;
	/* network */
	struct resolve *res;
	struct addrinfo *ai_list, *ai_next;
	char		ip[64];
	int		fd;
	int		libssh_fd;	/* fd now belongs to libssh */
	int		tcp_keepalive;
	int		last_errno;
	int		banner_peeked;
	int		kex_started;	/* greeting seen or waited for */
	double		kex_deadline;	/* the exchange's time is up */
	char		banner[128];	/* the first bytes the port sent */
	/* libssh */
	ssh_session	s;
	ssh_event	ev;
	/* host key */
	ssh_key		hostkey;
	char	       *hk_file;	/* known_hosts of a changed key */
	u_int		hk_line;
	char	       *known_hosts;
	/* authentication */
	int		astep;
	int		tried;		/* SSH_AUTH_METHOD_* tried */
	int		partial;
	char	       *ids[SSHC_MAX_IDS];
	int		ids_explicit[SSHC_MAX_IDS];
	u_int		nids;
	u_int		next_id;
	ssh_key		key;		/* being offered */
	char	       *key_path;
	ssh_key		cert_key;	/* key with its certificate: first */
	char	       *cert_path;	/* its file */
	int		cert_looked;	/* for key's certificate */
	char	       *cert_refused;	/* the first one refused */
	char	       *cert_files[SSHC_MAX_IDS]; /* CertificateFile */
	u_int		ncert_files;
	int		agent_done;
	u_int		pw_tries;
	u_int		kbd_rounds;
	char	       *pending;	/* a password to send */
	u_int		kbd_prompts;	/* prompts of the open kbd-int form */
	int		banner_shown;
	int		prefer;		/* PROF_AUTH_* to try first */
	char	       *kh_copy;	/* a profile's known hosts without CRs */
	char	       *legacy;		/* legacy algorithms the profile offers
					   (said if one is chosen) */
	int		strict;		/* /auth= said so */
	const char     *term;
	/* keepalive */
	u_int		keepalive;
	double		ka_next;
	double		ka_last;	/* a packet last came in */
	int		greq;		/* a global request of tterm's waits
					   for its reply: no keepalive now */
	uint64_t	ka_in;
	u_int		ka_missed;
	ssh_counter	counters;	/* packets in and out, set when
					   logged in */
	uint64_t	rx_seen;	/* packets in at the end of the last
					   service pass */
	/* text for the tab that shows it */
	char	       *out;
	size_t		outlen, outsize;
};

#define FWD_ACCEPTS	8	/* connections taken per pass and port */
#define FWD_TRIES	3	/* requests that took a keepalive's reply */

/* A byte stream of a forward (or of the agent: fwd is NULL). */
struct fwd_conn {
	struct fwd_conn *next;
	struct tunnel  *t;
	struct fwd     *fwd;
};

#define SOCKS_PENDING	32	/* SOCKS handshakes at once, per tab */
#define SOCKS_WAIT	30	/* seconds for a client's request */
#define SOCKS_LINGER	5	/* seconds for a refused client to go */

/* A SOCKS client until its stream is a tunnel (forward-socks.c). */
struct socks_conn {
	struct socks_conn *next;
	struct fwd     *fwd;		/* the D forward that took it */
	int		fd;
	int		state;		/* SC_* */
#define SC_READING	0	/* its request, not whole yet */
#define SC_OPENING	1	/* the channel, asked for */
#define SC_REPLYING	2	/* telling it the channel is open */
#define SC_CLOSING	3	/* refused: telling it, then its EOF */
	struct socks	s;
	u_char		in[SOCKS_MSG_MAX];	/* what it sent, not taken */
	size_t		inlen;
	size_t		outoff;		/* of s.out, sent */
	struct tunnel  *t;
	double		deadline;
	char		orig[64];	/* who, for the server's logs */
	u_int		oport;
};

/* What one SSH tab forwards. */
struct forward {
	struct forward *next;
	struct route   *route;		/* the tab's text */
	struct sshc    *c;		/* the destination, once started */
	int		agent;
	int		agent_told;
	int		stopped;	/* the session is over */
	uint64_t	seen;		/* packets in when last serviced */
	int		poke;		/* service again at once */
	ssh_callbacks	cb;		/* libssh's, for the agent */
	struct fwd     *fwds;
	struct fwd_conn *conns;
	struct socks_conn *socks;	/* SOCKS handshakes */
	u_int		nsocks;
};

/* sshc.c */
const char *sshc_phase_name(enum sshc_phase);
void	 sshc_say(struct sshc *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 sshc_fail(struct sshc *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 sshc_set_phase(struct sshc *, enum sshc_phase, double);
void	 sshc_kick(struct sshc *);
void	 sshc_put(struct sshc *);

/* sshconn.c */
/* What a layer above adds to the connections' pass (forward.c: its
 * streams and listening sockets) or is told of them (route.c): any member
 * may be NULL. Registered, so that sshconn.c names no file above it. */
struct sshconn_hooks {
	u_int	  (*count)(void);
	int	  (*pollfds)(struct pollfd *, int);
	int	  (*service)(void);	/* 1: something moved, go round again */
	double	  (*timeout)(void);
	void	  (*ready)(struct sshc *);	/* c has just logged in */
};
void	 sshconn_hook(const struct sshconn_hooks *);
void	 sshconn_step(struct sshc *, int);
struct sshc *sshconn_get(const struct sshdest *, struct sshc *, int,
	    struct tab *, char **);
struct sshc *sshconn_dead(const char *, struct tab *, const char *,
	    const char *);

/* proxy.c */
struct proxy *proxy_start(struct sshc *, const char *, int *, char **);
void	 proxy_free(struct proxy *);
int	 proxy_ended(struct proxy *, char *, size_t);
const char *proxy_command(struct proxy *);
u_int	 proxy_count(void);
int	 proxy_pollfds(struct pollfd *, int);
int	 proxy_service(void);
double	 proxy_timeout(void);

/* tunnel.c */
struct tunnel *tunnel_new_fd(struct sshc *, const char *, u_int, int,
	    const char *, u_int);
void	 tunnel_give_fd(struct tunnel *, int, const void *, size_t);
struct tunnel *tunnel_join(struct sshc *, ssh_channel, int, const char *);
struct tunnel *tunnel_new_exec(struct sshc *, const char *);
int	 tunnel_was_open(struct tunnel *);
u_int	 tunnel_count(void);
int	 tunnel_service(void);
int	 tunnel_pollfds(struct pollfd *, int);
double	 tunnel_timeout(void);

/* sftpc.c */
struct sftpc *sftpc_new(struct sshc *);
void	 sftpc_free(struct sftpc *);

/* forward.c */
struct forward *forward_new(const char *, int, struct route *);
void	 forward_start(struct forward *, struct sshc *);
int	 forward_agent(struct forward *);
void	 forward_stop(struct forward *);
void	 forward_after(struct forward *);
void	 forward_free(struct forward *);
void	 forward_status(struct forward *, char *, size_t);

/* forward-remote.c */
void	 forward_remote(struct forward *, struct fwd *);
void	 forward_remote_accept(struct forward *, void (*)(struct forward *,
	    struct fwd *, struct tunnel *));

/* forward-socks.c */
typedef void forward_add_cb(struct forward *, struct fwd *, struct tunnel *);
u_int	 forward_socks_count(void);
void	 forward_socks_accept(struct forward *, struct fwd *, int,
	    const char *, u_int);
int	 forward_socks_service(struct forward *, forward_add_cb *);
int	 forward_socks_pollfds(struct forward *, struct pollfd *, int);
double	 forward_socks_deadline(struct forward *);
void	 forward_socks_close(struct forward *);

/* ssh-diag.c */
void	 sshdiag_resolve(struct sshc *, int);
void	 sshdiag_connect(struct sshc *);
void	 sshdiag_timeout(struct sshc *, const char *);
void	 sshdiag_kex(struct sshc *);
int	 sshdiag_peek_banner(struct sshc *);
void	 sshdiag_greeting(struct sshc *);

/* ssh-answer.c */
void	 sshanswer_setup(struct sshc *, const struct sshdest *);
int	 sshanswer_kbdint(struct sshc *, int);
int	 sshanswer_password(struct sshc *);
int	 sshanswer_fd(const struct sshc *);
double	 sshanswer_deadline(const struct sshc *);
void	 sshanswer_step(struct sshc *);
void	 sshanswer_free(struct sshc *);
void	 sshdiag_dirs(struct sshc *);
void	 sshdiag_keepalive_start(struct sshc *);
void	 sshdiag_keepalive_check(struct sshc *);

/* ssh-hostkey.c */
void	 hostkey_check(struct sshc *);
void	 hostkey_free(struct sshc *);

/* ssh-auth.c */
void	 sshauth_step(struct sshc *);
void	 sshauth_free(struct sshc *);
void	 sshauth_add_identity(struct sshc *, const char *, int);
void	 sshauth_default_identities(struct sshc *);
void	 sshauth_config_identity(struct sshc *, const char *);
void	 sshauth_config_files(struct sshc *, const struct sshdest *);

/* ssh-algo.c */
int	 sshalgo_apply(struct sshc *, const struct sshdest *, char **);
void	 sshalgo_negotiated(struct sshc *);
void	 sshalgo_free(struct sshc *);

#endif
