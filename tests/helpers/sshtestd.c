/*
 * sshtestd.c: a small SSH server (libssh's server API) for the misbehaviour
 * a real sshd will not produce on demand. It serves one connection with
 * keyboard-interactive authentication and then a shell that says "shell
 * of sshtestd" and ends with status 0.
 *
 *   sshtestd PORT HOSTKEY MODE
 *
 * MODE: two     two prompts in one round ("Password:" hidden, "Name:"
 *               shown); answers "pw" and anything succeed
 *       loop    a new prompt round for ever
 *       hang    never answers the first round's answers
 *       bye     sends a DISCONNECT instead of the second round
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libssh/libssh.h>
#include <libssh/server.h>

static const char *mode;

/* One kbd-int exchange; returns 1 when authenticated. */
static int
auth_message(ssh_session s, ssh_message m, int *round)
{
	const char	*two[] = { "Password: ", "Name: " };
	char		 echo2[] = { 0, 1 };
	const char	*one[] = { "Code: " };
	char		 echo1[] = { 0 };
	char		 text[64];

	if (ssh_message_subtype(m) != SSH_AUTH_METHOD_INTERACTIVE) {
		ssh_message_auth_set_methods(m, SSH_AUTH_METHOD_INTERACTIVE);
		ssh_message_reply_default(m);
		return (0);
	}
	if (!ssh_message_auth_kbdint_is_response(m)) {
		*round = 1;
		if (strcmp(mode, "two") == 0)
			ssh_message_auth_interactive_request(m, "sshtestd",
			    "Two \033[31mquestions\033[m at once.", 2, two,
			    echo2);
		else
			ssh_message_auth_interactive_request(m, "sshtestd",
			    "Round 1.", 1, one, echo1);
		return (0);
	}
	(*round)++;
	if (strcmp(mode, "two") == 0) {
		if (ssh_userauth_kbdint_getnanswers(s) == 2 &&
		    strcmp(ssh_userauth_kbdint_getanswer(s, 0), "pw") == 0) {
			ssh_message_auth_reply_success(m, 0);
			return (1);
		}
		ssh_message_reply_default(m);
		return (0);
	}
	if (strcmp(mode, "hang") == 0) {
		sleep(3600);
		return (0);
	}
	if (strcmp(mode, "bye") == 0) {
		ssh_disconnect(s);
		exit(0);
	}
	/* loop: another round, for ever */
	snprintf(text, sizeof text, "Round %d.", *round);
	ssh_message_auth_interactive_request(m, "sshtestd", text, 1, one,
	    echo1);
	return (0);
}

int
main(int argc, char **argv)
{
	ssh_bind	 b;
	ssh_session	 s;
	ssh_message	 m;
	ssh_channel	 ch = NULL;
	int		 port, authed = 0, round = 0, shell = 0;

	if (argc != 4)
		return (2);
	port = atoi(argv[1]);
	mode = argv[3];
	b = ssh_bind_new();
	ssh_bind_options_set(b, SSH_BIND_OPTIONS_BINDADDR, "127.0.0.1");
	ssh_bind_options_set(b, SSH_BIND_OPTIONS_BINDPORT, &port);
	ssh_bind_options_set(b, SSH_BIND_OPTIONS_HOSTKEY, argv[2]);
	if (ssh_bind_listen(b) != SSH_OK) {
		fprintf(stderr, "sshtestd: %s\n", ssh_get_error(b));
		return (1);
	}
	printf("listening\n");
	fflush(stdout);
	s = ssh_new();
	if (ssh_bind_accept(b, s) != SSH_OK ||
	    ssh_handle_key_exchange(s) != SSH_OK) {
		fprintf(stderr, "sshtestd: %s\n", ssh_get_error(s));
		return (1);
	}
	while (!shell && (m = ssh_message_get(s)) != NULL) {
		switch (ssh_message_type(m)) {
		case SSH_REQUEST_AUTH:
			authed = auth_message(s, m, &round);
			break;
		case SSH_REQUEST_CHANNEL_OPEN:
			if (authed && ssh_message_subtype(m) ==
			    SSH_CHANNEL_SESSION)
				ch = ssh_message_channel_request_open_reply_accept(m);
			else
				ssh_message_reply_default(m);
			break;
		case SSH_REQUEST_CHANNEL:
			if (ch != NULL && (ssh_message_subtype(m) ==
			    SSH_CHANNEL_REQUEST_PTY || ssh_message_subtype(m) ==
			    SSH_CHANNEL_REQUEST_SHELL)) {
				ssh_message_channel_request_reply_success(m);
				if (ssh_message_subtype(m) ==
				    SSH_CHANNEL_REQUEST_SHELL)
					shell = 1;
			} else
				ssh_message_reply_default(m);
			break;
		default:
			ssh_message_reply_default(m);
			break;
		}
		ssh_message_free(m);
	}
	if (ch != NULL) {
		ssh_channel_write(ch, "shell of sshtestd\r\n", 19);
		sleep(1);
		ssh_channel_request_send_exit_status(ch, 0);
		ssh_channel_send_eof(ch);
		ssh_channel_close(ch);
	}
	sleep(1);
	ssh_disconnect(s);
	ssh_free(s);
	ssh_bind_free(b);
	return (0);
}
