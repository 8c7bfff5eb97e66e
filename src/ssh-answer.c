/*
 * ssh-answer.c: answers from commands instead of the user, as a profile
 * asks (AnswerCommand for questions that match AnswerPrompt, such as a
 * one-time code from oathtool; PasswordCommand for the password). A
 * command runs while the connection waits as it would for a form, so the
 * other tabs carry on. Each command answers once per connection: when its
 * answer was refused, or it failed, the user gets the form as usual. The
 * answers are never said, logged or kept: libssh copies them, and the
 * command's buffer is wiped (askcmd.c).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

/* Oniguruma, as TTL and the search: libonig also defines POSIX's regcomp()
 * and regexec() with flags of its own, which would shadow libc's. */
#define ONIG_ESCAPE_REGEX_T_COLLISION

#include "tterm.h"
#include "onig-lib.h"
#include "ssh-int.h"

#define ANSWER_TIMEOUT	15	/* seconds a command may take */
#define ANSWER_PROMPT	"code|one-time|otp|token|verification"
static const char *answer_password[] = { "password", "passphrase",
	"passcode" };

/* Take a destination's commands; a bad AnswerPrompt is said and unused. */
void
sshanswer_setup(struct sshc *c, const struct sshdest *d)
{
	const char		*re = d->answer_prompt != NULL ?
				    d->answer_prompt : ANSWER_PROMPT;
	OnigErrorInfo		 info;
	OnigRegex		 r;
	OnigUChar		 why[ONIG_MAX_ERROR_MESSAGE_LEN];
	char			*cause = NULL;
	int			 rc;

	if (d->answer_cmd != NULL && oniglib_start(&cause) != 0) {
		sshc_say(c, _("[%s: AnswerCommand is not used]\n"), cause);
		free(cause);
	} else if (d->answer_cmd != NULL) {
		rc = onig_new(&r, (const OnigUChar *)re,
		    (const OnigUChar *)re + strlen(re),
		    ONIG_OPTION_IGNORECASE, ONIG_ENCODING_UTF8,
		    ONIG_SYNTAX_RUBY, &info);
		if (rc != ONIG_NORMAL) {
			onig_error_code_to_str(why, rc, &info);
			sshc_say(c, _("[AnswerPrompt '%s' is not a regular"
			    " expression (%s): AnswerCommand is not used]\n"),
			    re, (char *)why);
		} else {
			c->answer_re = r;
			c->answer_cmd = xstrdup(d->answer_cmd);
		}
	}
	if (d->password_cmd != NULL)
		c->password_cmd = xstrdup(d->password_cmd);
}

/* Whether AnswerPrompt finds something in prompt. */
static int
sshanswer_code(struct sshc *c, const char *prompt)
{
	const OnigUChar	*u = (const OnigUChar *)prompt;
	size_t		 len = strlen(prompt);

	return (onig_search(c->answer_re, u, u + len, u, u + len, NULL,
	    ONIG_OPTION_NONE) >= 0);
}

/* Whether a hidden prompt asks for a password. */
static int
sshanswer_asks_password(const char *prompt)
{
	u_int	i;

	for (i = 0; i < sizeof answer_password / sizeof answer_password[0];
	    i++) {
		if (strcasestr(prompt, answer_password[i]) != NULL)
			return (1);
	}
	return (0);
}

/* Start cmd for the question kind; 1 if it runs (the connection waits). */
static int
sshanswer_start(struct sshc *c, const char *cmd, int kind)
{
	char	*cause = NULL;

	if ((c->acmd = askcmd_start(cmd, ANSWER_TIMEOUT, &cause)) == NULL) {
		sshc_say(c, _("[%s cannot start: %s]\n"), kind == SA_PASSWORD ?
		    "PasswordCommand" : "AnswerCommand", cause);
		free(cause);
		return (0);
	}
	c->acmd_kind = kind;
	c->waiting = 1;
	c->deadline = 0;	/* the command's own time counts */
	return (1);
}

/*
 * A keyboard-interactive round of one question: 1 if a command answers
 * it (its code, or a hidden question for the password).
 */
int
sshanswer_kbdint(struct sshc *c, int n)
{
	const char	*prompt;
	char		 echo = 1;

	if (n != 1 || (prompt = ssh_userauth_kbdint_getprompt(c->s, 0,
	    &echo)) == NULL)
		return (0);
	if (c->answer_cmd != NULL && !(c->answered & SA_CODE) &&
	    sshanswer_code(c, prompt)) {
		c->answered |= SA_CODE;
		return (sshanswer_start(c, c->answer_cmd, SA_CODE));
	}
	if (c->password_cmd != NULL && !echo &&
	    !(c->answered & SA_PASSWORD) &&
	    sshanswer_asks_password(prompt)) {
		c->answered |= SA_PASSWORD;
		return (sshanswer_start(c, c->password_cmd, SA_KBDPASSWORD));
	}
	return (0);
}

/* The password method: 1 if PasswordCommand gives it. */
int
sshanswer_password(struct sshc *c)
{
	if (c->password_cmd == NULL || (c->answered & SA_PASSWORD))
		return (0);
	c->answered |= SA_PASSWORD;
	return (sshanswer_start(c, c->password_cmd, SA_PASSWORD));
}

/* The fd and deadline of a running command, for the loop. */
int
sshanswer_fd(const struct sshc *c)
{
	return (c->acmd != NULL ? askcmd_fd(c->acmd) : -1);
}

double
sshanswer_deadline(const struct sshc *c)
{
	return (c->acmd != NULL ? askcmd_deadline(c->acmd) : 0);
}

/*
 * Move a running command on. Its answer goes to libssh (a round) or
 * becomes the pending password; without one the round's form or the
 * password form comes (ssh-auth.c's A_FORM).
 */
void
sshanswer_step(struct sshc *c)
{
	const char	*what = c->acmd_kind == SA_CODE ? "AnswerCommand" :
			    "PasswordCommand";
	int		 rc;

	if (c->acmd == NULL || (rc = askcmd_step(c->acmd)) == 0)
		return;
	if (rc > 0) {
		if (c->acmd_kind == SA_PASSWORD)
			c->pending = xstrdup(askcmd_answer(c->acmd));
		else if (ssh_userauth_kbdint_setanswer(c->s, 0,
		    askcmd_answer(c->acmd)) < 0)
			rc = -1;
		if (rc > 0)
			sshc_say(c, _("Answered with %s.\n"), what);
	}
	if (rc < 0) {
		sshc_say(c, _("[%s gave no answer: %s; asking you]\n"), what,
		    askcmd_error(c->acmd));
		free(c->answer_note);
		xasprintf(&c->answer_note, _("%s gave no answer: %s."), what,
		    askcmd_error(c->acmd));
	}
	askcmd_free(c->acmd);
	c->acmd = NULL;
	c->waiting = 0;
	c->deadline = clock_now() + c->server_timeout;
	c->answer_form = rc < 0 && c->acmd_kind != SA_PASSWORD;
	sshc_kick(c);
}

void
sshanswer_free(struct sshc *c)
{
	askcmd_free(c->acmd);
	c->acmd = NULL;
	if (c->answer_re != NULL) {
		onig_free(c->answer_re);
		c->answer_re = NULL;
	}
	free(c->answer_cmd);
	free(c->password_cmd);
	free(c->answer_note);
	c->answer_note = NULL;
	c->answer_cmd = c->password_cmd = NULL;
}
