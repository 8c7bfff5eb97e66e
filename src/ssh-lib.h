/*
 * ssh-lib.h: libssh as the SSH files call it, opened on first use
 * (dynlib.c) rather than linked, so that a start with local tabs does not
 * load it. Each libssh function they call is in SSHLIB_SYMS, and named
 * below as a macro for its pointer in sshlib: a call before libssh is
 * open opens it. A function missing from the list fails to link (tterm
 * has no -lssh). Include this in place of libssh's headers.
 */
#ifndef SSH_LIB_H
#define SSH_LIB_H

#include <libssh/libssh.h>
#include <libssh/callbacks.h>
#include <libssh/server.h>

#define SSHLIB_SYMS(X) \
	X(ssh_channel_change_pty_size) \
	X(ssh_channel_close) \
	X(ssh_channel_free) \
	X(ssh_channel_get_exit_status) \
	X(ssh_channel_is_closed) \
	X(ssh_channel_is_eof) \
	X(ssh_channel_listen_forward) \
	X(ssh_channel_new) \
	X(ssh_channel_open_forward) \
	X(ssh_channel_open_forward_port) \
	X(ssh_channel_open_session) \
	X(ssh_channel_poll) \
	X(ssh_channel_read_nonblocking) \
	X(ssh_channel_request_auth_agent) \
	X(ssh_channel_request_exec) \
	X(ssh_channel_request_pty_size) \
	X(ssh_channel_request_shell) \
	X(ssh_channel_request_subsystem) \
	X(ssh_channel_send_eof) \
	X(ssh_channel_window_size) \
	X(ssh_channel_write) \
	X(ssh_clean_pubkey_hash) \
	X(ssh_connect) \
	X(ssh_disconnect) \
	X(ssh_event_add_session) \
	X(ssh_event_dopoll) \
	X(ssh_event_free) \
	X(ssh_event_new) \
	X(ssh_event_remove_session) \
	X(ssh_free) \
	X(ssh_get_cipher_in) \
	X(ssh_get_cipher_out) \
	X(ssh_get_error) \
	X(ssh_get_fd) \
	X(ssh_get_fingerprint_hash) \
	X(ssh_get_hmac_in) \
	X(ssh_get_hmac_out) \
	X(ssh_get_issue_banner) \
	X(ssh_get_kex_algo) \
	X(ssh_get_poll_flags) \
	X(ssh_get_publickey_hash) \
	X(ssh_get_server_publickey) \
	X(ssh_is_connected) \
	X(ssh_key_cmp) \
	X(ssh_key_dup) \
	X(ssh_key_free) \
	X(ssh_key_type) \
	X(ssh_key_type_to_char) \
	X(ssh_known_hosts_parse_line) \
	X(ssh_knownhosts_entry_free) \
	X(ssh_new) \
	X(ssh_options_get) \
	X(ssh_options_get_port) \
	X(ssh_options_parse_config) \
	X(ssh_options_set) \
	X(ssh_pki_copy_cert_to_privkey) \
	X(ssh_pki_export_pubkey_base64) \
	X(ssh_pki_import_cert_file) \
	X(ssh_pki_import_privkey_file) \
	X(ssh_send_keepalive) \
	X(ssh_session_is_known_server) \
	X(ssh_session_update_known_hosts) \
	X(ssh_set_blocking) \
	X(ssh_set_callbacks) \
	X(ssh_set_counters) \
	X(ssh_set_log_callback) \
	X(ssh_string_free_char) \
	X(ssh_userauth_agent) \
	X(ssh_userauth_kbdint) \
	X(ssh_userauth_kbdint_getinstruction) \
	X(ssh_userauth_kbdint_getname) \
	X(ssh_userauth_kbdint_getnprompts) \
	X(ssh_userauth_kbdint_getprompt) \
	X(ssh_userauth_kbdint_setanswer) \
	X(ssh_userauth_list) \
	X(ssh_userauth_none) \
	X(ssh_userauth_password) \
	X(ssh_userauth_publickey)

struct sshlib {
	SSHLIB_SYMS(DYNLIB_MEMBER)
};
extern struct sshlib	sshlib;
extern struct dynlib	sshlib_lib;

int	 sshlib_load(char **);

#define SSHLIB(f)	DYNLIB_GET(sshlib_lib, sshlib, f)

/* ssh-lib.c makes the table from the names: not these macros. */
#ifndef SSHLIB_TABLE
#define ssh_channel_change_pty_size	(*SSHLIB(ssh_channel_change_pty_size))
#define ssh_channel_close		(*SSHLIB(ssh_channel_close))
#define ssh_channel_free		(*SSHLIB(ssh_channel_free))
#define ssh_channel_get_exit_status	(*SSHLIB(ssh_channel_get_exit_status))
#define ssh_channel_is_closed		(*SSHLIB(ssh_channel_is_closed))
#define ssh_channel_is_eof		(*SSHLIB(ssh_channel_is_eof))
#define ssh_channel_listen_forward	(*SSHLIB(ssh_channel_listen_forward))
#define ssh_channel_new			(*SSHLIB(ssh_channel_new))
#define ssh_channel_open_forward	(*SSHLIB(ssh_channel_open_forward))
#define ssh_channel_open_forward_port	(*SSHLIB(ssh_channel_open_forward_port))
#define ssh_channel_open_session	(*SSHLIB(ssh_channel_open_session))
#define ssh_channel_poll		(*SSHLIB(ssh_channel_poll))
#define ssh_channel_read_nonblocking	(*SSHLIB(ssh_channel_read_nonblocking))
#define ssh_channel_request_auth_agent \
	(*SSHLIB(ssh_channel_request_auth_agent))
#define ssh_channel_request_exec	(*SSHLIB(ssh_channel_request_exec))
#define ssh_channel_request_pty_size	(*SSHLIB(ssh_channel_request_pty_size))
#define ssh_channel_request_shell	(*SSHLIB(ssh_channel_request_shell))
#define ssh_channel_request_subsystem	(*SSHLIB(ssh_channel_request_subsystem))
#define ssh_channel_send_eof		(*SSHLIB(ssh_channel_send_eof))
#define ssh_channel_window_size		(*SSHLIB(ssh_channel_window_size))
#define ssh_channel_write		(*SSHLIB(ssh_channel_write))
#define ssh_clean_pubkey_hash		(*SSHLIB(ssh_clean_pubkey_hash))
#define ssh_connect			(*SSHLIB(ssh_connect))
#define ssh_disconnect			(*SSHLIB(ssh_disconnect))
#define ssh_event_add_session		(*SSHLIB(ssh_event_add_session))
#define ssh_event_dopoll		(*SSHLIB(ssh_event_dopoll))
#define ssh_event_free			(*SSHLIB(ssh_event_free))
#define ssh_event_new			(*SSHLIB(ssh_event_new))
#define ssh_event_remove_session	(*SSHLIB(ssh_event_remove_session))
#define ssh_free			(*SSHLIB(ssh_free))
#define ssh_get_cipher_in		(*SSHLIB(ssh_get_cipher_in))
#define ssh_get_cipher_out		(*SSHLIB(ssh_get_cipher_out))
#define ssh_get_error			(*SSHLIB(ssh_get_error))
#define ssh_get_fd			(*SSHLIB(ssh_get_fd))
#define ssh_get_fingerprint_hash	(*SSHLIB(ssh_get_fingerprint_hash))
#define ssh_get_hmac_in			(*SSHLIB(ssh_get_hmac_in))
#define ssh_get_hmac_out		(*SSHLIB(ssh_get_hmac_out))
#define ssh_get_issue_banner		(*SSHLIB(ssh_get_issue_banner))
#define ssh_get_kex_algo		(*SSHLIB(ssh_get_kex_algo))
#define ssh_get_poll_flags		(*SSHLIB(ssh_get_poll_flags))
#define ssh_get_publickey_hash		(*SSHLIB(ssh_get_publickey_hash))
#define ssh_get_server_publickey	(*SSHLIB(ssh_get_server_publickey))
#define ssh_is_connected		(*SSHLIB(ssh_is_connected))
#define ssh_key_cmp			(*SSHLIB(ssh_key_cmp))
#define ssh_key_dup			(*SSHLIB(ssh_key_dup))
#define ssh_key_free			(*SSHLIB(ssh_key_free))
#define ssh_key_type			(*SSHLIB(ssh_key_type))
#define ssh_key_type_to_char		(*SSHLIB(ssh_key_type_to_char))
#define ssh_known_hosts_parse_line	(*SSHLIB(ssh_known_hosts_parse_line))
#define ssh_knownhosts_entry_free	(*SSHLIB(ssh_knownhosts_entry_free))
#define ssh_new				(*SSHLIB(ssh_new))
#define ssh_options_get			(*SSHLIB(ssh_options_get))
#define ssh_options_get_port		(*SSHLIB(ssh_options_get_port))
#define ssh_options_parse_config	(*SSHLIB(ssh_options_parse_config))
#define ssh_options_set			(*SSHLIB(ssh_options_set))
#define ssh_pki_copy_cert_to_privkey	(*SSHLIB(ssh_pki_copy_cert_to_privkey))
#define ssh_pki_export_pubkey_base64	(*SSHLIB(ssh_pki_export_pubkey_base64))
#define ssh_pki_import_cert_file	(*SSHLIB(ssh_pki_import_cert_file))
#define ssh_pki_import_privkey_file	(*SSHLIB(ssh_pki_import_privkey_file))
#define ssh_send_keepalive		(*SSHLIB(ssh_send_keepalive))
#define ssh_session_is_known_server	(*SSHLIB(ssh_session_is_known_server))
#define ssh_session_update_known_hosts \
	(*SSHLIB(ssh_session_update_known_hosts))
#define ssh_set_blocking		(*SSHLIB(ssh_set_blocking))
#define ssh_set_callbacks		(*SSHLIB(ssh_set_callbacks))
#define ssh_set_counters		(*SSHLIB(ssh_set_counters))
#define ssh_set_log_callback		(*SSHLIB(ssh_set_log_callback))
#define ssh_string_free_char		(*SSHLIB(ssh_string_free_char))
#define ssh_userauth_agent		(*SSHLIB(ssh_userauth_agent))
#define ssh_userauth_kbdint		(*SSHLIB(ssh_userauth_kbdint))
#define ssh_userauth_kbdint_getinstruction \
	(*SSHLIB(ssh_userauth_kbdint_getinstruction))
#define ssh_userauth_kbdint_getname	(*SSHLIB(ssh_userauth_kbdint_getname))
#define ssh_userauth_kbdint_getnprompts \
	(*SSHLIB(ssh_userauth_kbdint_getnprompts))
#define ssh_userauth_kbdint_getprompt	(*SSHLIB(ssh_userauth_kbdint_getprompt))
#define ssh_userauth_kbdint_setanswer	(*SSHLIB(ssh_userauth_kbdint_setanswer))
#define ssh_userauth_list		(*SSHLIB(ssh_userauth_list))
#define ssh_userauth_none		(*SSHLIB(ssh_userauth_none))
#define ssh_userauth_password		(*SSHLIB(ssh_userauth_password))
#define ssh_userauth_publickey		(*SSHLIB(ssh_userauth_publickey))
#endif

#endif
