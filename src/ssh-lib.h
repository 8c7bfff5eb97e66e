/*
 * ssh-lib.h: libssh as the SSH files call it: opened on first use
 * (ssh-lib.c, dynlib.c), not linked. Each libssh function they call is
 * listed in SSHLIB_FNS and named below as a macro for its pointer in
 * sshlib; a call before libssh is open opens it. A function not listed
 * fails to link (tterm has no -lssh), so none is called past this table.
 * Include this in place of libssh's own headers.
 */
#ifndef SSH_LIB_H
#define SSH_LIB_H

#include <libssh/libssh.h>
#include <libssh/callbacks.h>
#include <libssh/server.h>

#define SSHLIB_FNS \
	SSHLIB_FN(ssh_channel_change_pty_size) \
	SSHLIB_FN(ssh_channel_close) \
	SSHLIB_FN(ssh_channel_free) \
	SSHLIB_FN(ssh_channel_get_exit_status) \
	SSHLIB_FN(ssh_channel_is_closed) \
	SSHLIB_FN(ssh_channel_is_eof) \
	SSHLIB_FN(ssh_channel_listen_forward) \
	SSHLIB_FN(ssh_channel_new) \
	SSHLIB_FN(ssh_channel_open_forward) \
	SSHLIB_FN(ssh_channel_open_forward_port) \
	SSHLIB_FN(ssh_channel_open_session) \
	SSHLIB_FN(ssh_channel_poll) \
	SSHLIB_FN(ssh_channel_read_nonblocking) \
	SSHLIB_FN(ssh_channel_request_auth_agent) \
	SSHLIB_FN(ssh_channel_request_exec) \
	SSHLIB_FN(ssh_channel_request_pty_size) \
	SSHLIB_FN(ssh_channel_request_shell) \
	SSHLIB_FN(ssh_channel_request_subsystem) \
	SSHLIB_FN(ssh_channel_send_eof) \
	SSHLIB_FN(ssh_channel_window_size) \
	SSHLIB_FN(ssh_channel_write) \
	SSHLIB_FN(ssh_clean_pubkey_hash) \
	SSHLIB_FN(ssh_connect) \
	SSHLIB_FN(ssh_disconnect) \
	SSHLIB_FN(ssh_event_add_session) \
	SSHLIB_FN(ssh_event_dopoll) \
	SSHLIB_FN(ssh_event_free) \
	SSHLIB_FN(ssh_event_new) \
	SSHLIB_FN(ssh_event_remove_session) \
	SSHLIB_FN(ssh_free) \
	SSHLIB_FN(ssh_get_cipher_in) \
	SSHLIB_FN(ssh_get_cipher_out) \
	SSHLIB_FN(ssh_get_error) \
	SSHLIB_FN(ssh_get_fd) \
	SSHLIB_FN(ssh_get_fingerprint_hash) \
	SSHLIB_FN(ssh_get_hmac_in) \
	SSHLIB_FN(ssh_get_hmac_out) \
	SSHLIB_FN(ssh_get_issue_banner) \
	SSHLIB_FN(ssh_get_kex_algo) \
	SSHLIB_FN(ssh_get_poll_flags) \
	SSHLIB_FN(ssh_get_publickey_hash) \
	SSHLIB_FN(ssh_get_server_publickey) \
	SSHLIB_FN(ssh_is_connected) \
	SSHLIB_FN(ssh_key_cmp) \
	SSHLIB_FN(ssh_key_dup) \
	SSHLIB_FN(ssh_key_free) \
	SSHLIB_FN(ssh_key_type) \
	SSHLIB_FN(ssh_key_type_to_char) \
	SSHLIB_FN(ssh_known_hosts_parse_line) \
	SSHLIB_FN(ssh_knownhosts_entry_free) \
	SSHLIB_FN(ssh_new) \
	SSHLIB_FN(ssh_options_get) \
	SSHLIB_FN(ssh_options_get_port) \
	SSHLIB_FN(ssh_options_parse_config) \
	SSHLIB_FN(ssh_options_set) \
	SSHLIB_FN(ssh_pki_copy_cert_to_privkey) \
	SSHLIB_FN(ssh_pki_export_pubkey_base64) \
	SSHLIB_FN(ssh_pki_import_cert_file) \
	SSHLIB_FN(ssh_pki_import_privkey_file) \
	SSHLIB_FN(ssh_send_keepalive) \
	SSHLIB_FN(ssh_session_is_known_server) \
	SSHLIB_FN(ssh_session_update_known_hosts) \
	SSHLIB_FN(ssh_set_blocking) \
	SSHLIB_FN(ssh_set_callbacks) \
	SSHLIB_FN(ssh_set_counters) \
	SSHLIB_FN(ssh_set_log_callback) \
	SSHLIB_FN(ssh_string_free_char) \
	SSHLIB_FN(ssh_userauth_agent) \
	SSHLIB_FN(ssh_userauth_kbdint) \
	SSHLIB_FN(ssh_userauth_kbdint_getinstruction) \
	SSHLIB_FN(ssh_userauth_kbdint_getname) \
	SSHLIB_FN(ssh_userauth_kbdint_getnprompts) \
	SSHLIB_FN(ssh_userauth_kbdint_getprompt) \
	SSHLIB_FN(ssh_userauth_kbdint_setanswer) \
	SSHLIB_FN(ssh_userauth_list) \
	SSHLIB_FN(ssh_userauth_none) \
	SSHLIB_FN(ssh_userauth_password) \
	SSHLIB_FN(ssh_userauth_publickey)

struct sshlib {
#define SSHLIB_FN(f) __typeof__(f) *f;
	SSHLIB_FNS
#undef SSHLIB_FN
};

extern struct sshlib	 sshlib;
extern int		 sshlib_ready;

int	 sshlib_load(char **);
const struct sshlib *sshlib_need(void);

#define SSHLIB(f)	(sshlib_ready ? sshlib.f : sshlib_need()->f)

/* ssh-lib.c fills the table by these names: it has no use of the macros. */
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
