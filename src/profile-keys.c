/*
 * profile-keys.c: the one table of profile keys. Each row names a key of
 * a TERATERM.INI section, how its value is read (Tera Term's own rules:
 * on/off in the core, numbers and yes/y in [TTSSH]), the profile field it
 * fills, its range, default and help. Reading, the import report, the
 * dump, saving and tterm.ini(5) all walk this table.
 */
#include "config.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tterm.h"

#define F(f)	offsetof(struct profile, f)
#define NO	((size_t)-1)

static const struct pk_enum pe_port[] = {
	{ "tcpip", 0 }, { "serial", 1 }, { NULL, 0 }
};
static const struct pk_enum pe_send[] = {
	{ "CR", SERIAL_NL_CR }, { "CRLF", SERIAL_NL_CRLF },
	{ "LF", SERIAL_NL_LF }, { NULL, 0 }
};
static const struct pk_enum pe_tcpsend[] = {
	{ "CR", SERIAL_NL_CR }, { "CRLF", SERIAL_NL_CRLF }, { NULL, 0 }
};
static const struct pk_enum pe_recv[] = {
	{ "CR", SERIAL_NL_CR }, { "CRLF", SERIAL_NL_CRLF },
	{ "LF", SERIAL_NL_LF }, { "AUTO", PROF_NL_AUTO }, { NULL, 0 }
};
static const struct pk_enum pe_bs[] = {
	{ "BS", 0 }, { "DEL", 1 }, { NULL, 0 }
};
static const struct pk_enum pe_beep[] = {
	{ "on", 1 }, { "off", 0 }, { "visual", 2 }, { NULL, 0 }
};
static const struct pk_enum pe_clip[] = {
	{ "off", 0 }, { "write", CLIP_WRITE }, { "read", CLIP_READ },
	{ "on", CLIP_WRITE | CLIP_READ }, { "readwrite", CLIP_WRITE | CLIP_READ },
	{ NULL, 0 }
};
static const struct pk_enum pe_parity[] = {
	{ "none", 'N' }, { "odd", 'O' }, { "even", 'E' }, { "mark", 'M' },
	{ "space", 'S' }, { NULL, 0 }
};
static const struct pk_enum pe_flow[] = {
	{ "none", SERIAL_FLOW_NONE }, { "x", SERIAL_FLOW_XONXOFF },
	{ "hard", SERIAL_FLOW_RTSCTS }, { "rtscts", SERIAL_FLOW_RTSCTS },
	{ "dsrdtr", PROF_FLOW_DSRDTR }, { NULL, 0 }
};
static const struct pk_enum pe_tstype[] = {
	{ "Local", 0 }, { "UTC", 1 }, { "LoggingElapsed", 2 },
	{ "ConnectionElapsed", 3 }, { NULL, 0 }
};
static const struct pk_enum pe_auth[] = {
	{ "3", PROF_AUTH_PASSWORD }, { "2", PROF_AUTH_PUBLICKEY },
	{ "5", PROF_AUTH_KBDINT }, { "16", PROF_AUTH_AGENT },
	{ "1", PROF_AUTH_RHOSTS }, { NULL, 0 }
};

#define TT	"Tera Term"
#define SSH	"TTSSH"
#define OWN	"tterm"

const struct prof_key prof_keys[] = {
	/* Connection. */
	{ TT, "Port", PK_ENUM, F(serial), NO, 0, 0, "tcpip", pe_port, 0,
	  N_("tcpip, or serial for the serial line of ComPort") },
	{ TT, "TCPPort", PK_INT, F(tcp_port), NO, 0, 65535, "0", NULL, 0,
	  N_("TCP port; empty or 0: 22 for SSH, 23 for telnet") },
	{ TT, "Telnet", PK_ONOFF, F(telnet), NO, 0, 0, "on", NULL, 0,
	  N_("telnet when SSH is off (else a raw TCP connection)") },
	{ TT, "TelPort", PK_INT, F(telport), NO, 1, 65535, "23", NULL, 0,
	  N_("the port on which telnet option negotiation starts") },
	{ TT, "ConnectingTimeout", PK_INT, F(connect_timeout), NO, 0, 3600,
	  "0", NULL, 0, N_("seconds to wait for a connection; 0: tterm's 10") },
	{ TT, "TelKeepAliveInterval", PK_INT, F(tel_keepalive), NO, 0, 86400,
	  "300", NULL, 0, N_("telnet keepalive (IAC NOP) after seconds idle") },
	{ TT, "TelAutoDetect", PK_ONOFF, F(tel_autodetect), NO, 0, 0, "on",
	  NULL, 0, N_("raw TCP: become telnet when the server sends telnet"
	  " commands") },
	{ TT, "TCPLocalEcho", PK_ONOFF, F(tcp_local_echo), NO, 0, 0, "off",
	  NULL, 0, N_("TCP without telnet: echo typed text locally") },
	{ TT, "TCPCRSend", PK_ENUM, F(tcp_cr_send), NO, 0, 0, NULL, pe_tcpsend,
	  0, N_("TCP without telnet: what Enter sends (CR, CRLF), over"
	  " CRSend") },
	/* Terminal. */
	{ TT, "TermType", PK_STR, F(term_type), NO, 0, 0, NULL, NULL, 0,
	  N_("TERM for the remote side; default tterm's --term") },
	{ TT, "TerminalSize", PK_SIZE, F(cols), F(rows), 1, 1000, NULL, NULL,
	  0, N_("columns,rows; tabs follow the window, so this is kept for"
	  " saving") },
	{ TT, "CRSend", PK_ENUM, F(cr_send), NO, 0, 0, "CR", pe_send, 0,
	  N_("what Enter sends: CR, CRLF or LF") },
	{ TT, "CRReceive", PK_ENUM, F(cr_recv), NO, 0, 0, "CR", pe_recv, 0,
	  N_("what a received newline becomes: CR (as is), CRLF, LF, AUTO") },
	{ TT, "LocalEcho", PK_ONOFF, F(local_echo), NO, 0, 0, "off", NULL, 0,
	  N_("show typed text locally") },
	{ TT, "BSKey", PK_ENUM, F(bs_del), NO, 0, 0, NULL, pe_bs, 0,
	  N_("what Backspace sends: BS (0x08) or DEL (0x7f, tterm's"
	  " default)") },
	{ TT, "DeleteKey", PK_ONOFF, F(delete_key), NO, 0, 0, NULL, NULL, 0,
	  N_("on: Delete sends 0x7f; off: ESC [ 3 ~ (tterm's default)") },
	{ TT, "ScrollBuffSize", PK_INT, F(scrollback), NO, 0, 1000000, NULL,
	  NULL, 0, N_("lines of scrollback; default tterm's --scrollback") },
	{ TT, "Beep", PK_ENUM, F(beep), NO, 0, 0, "on", pe_beep, 0,
	  N_("bell: on, off or visual") },
	{ TT, "ClipboardAccessFromRemote", PK_ENUM, F(clip_remote), NO, 0, 0,
	  "write", pe_clip, 0, N_("programs' OSC 52: write passes their copies"
	  " to the clipboard (tterm's default; Tera Term's is off), read"
	  " answers with tterm's paste buffer, on both, off neither") },
	{ TT, "MouseEventTracking", PK_ONOFF, F(mouse_tracking), NO, 0, 0,
	  "on", NULL, 0, N_("programs that ask for the mouse (vim, htop, mc)"
	  " get its clicks, drags and wheel") },
	{ TT, "TranslateWheelToCursor", PK_ONOFF, F(wheel_cursor), NO, 0, 0,
	  "on", NULL, 0, N_("in the alternate screen (less, man), the wheel"
	  " sends Up and Down") },
	{ TT, "MouseWheelScrollLine", PK_INT, F(wheel_lines), NO, 1, 100, "3",
	  NULL, 0, N_("lines a notch of the wheel scrolls") },
	{ TT, "Title", PK_STR, F(title), NO, 0, 0, NULL, NULL, 0,
	  N_("the tab's title until the program sets one") },
	{ TT, "StartupMacro", PK_STR, F(startup_macro), NO, 0, 0, NULL, NULL,
	  0, N_("a TTL macro run in the first tab at start-up (as /M=)") },
	{ TT, "KanjiReceive", PK_KANJI, F(kanji_recv), NO, 0, 0, "UTF-8",
	  NULL, PKF_CASE, N_("character set received: UTF-8, SJIS, EUC-JP,"
	  " JIS and Tera Term's other names") },
	{ TT, "KanjiSend", PK_KANJI, F(kanji_send), NO, 0, 0, "UTF-8", NULL,
	  PKF_CASE, N_("character set sent") },
	{ TT, "Language", PK_STR, F(language), NO, 0, 0, NULL, NULL, 0,
	  N_("Tera Term 4: how KanjiReceive and KanjiSend were meant") },
	{ TT, "RussHost", PK_STR, F(russ_host), NO, 0, 0, NULL, NULL, 0,
	  N_("Tera Term 4: the Russian host character set") },
	/* Colours. */
	{ TT, "VTColor", PK_RGB2, F(vt_fg), F(vt_bg), 0, 0, NULL, NULL, 0,
	  N_("text and background: r,g,b,r,g,b") },
	{ TT, "VTBoldColor", PK_RGB2, F(bold_fg), F(bold_bg), 0, 0, NULL,
	  NULL, 0, N_("bold text and its background: r,g,b,r,g,b") },
	{ TT, "EnableBoldAttrColor", PK_ONOFF, F(bold_colour), NO, 0, 0,
	  "on", NULL, 0, N_("show bold text in VTBoldColor") },
	{ TT, "ANSIColor", PK_ANSI, F(ansi), NO, 0, 0, NULL, NULL, 0,
	  N_("the 16 colours: index,r,g,b groups in Tera Term's order") },
	/* Serial. */
	{ TT, "ComPort", PK_INT, F(com), NO, 1, 4096, "1", NULL, 0,
	  N_("COMn: /dev/ttyS(n-1) unless [tterm] Device says otherwise") },
	{ TT, "BaudRate", PK_INT, F(speed), NO, 50, 4000000, "9600", NULL, 0,
	  N_("bits per second") },
	{ TT, "DataBit", PK_INT, F(databits), NO, 5, 8, "8", NULL, 0,
	  N_("data bits: 7 or 8 (5 and 6 too, for --line)") },
	{ TT, "Parity", PK_ENUM, F(parity), NO, 0, 0, "none", pe_parity, 0,
	  N_("none, odd, even, mark or space") },
	{ TT, "StopBit", PK_INT, F(stopbits), NO, 1, 2, "1", NULL, 0,
	  N_("stop bits: 1 or 2") },
	{ TT, "FlowCtrl", PK_ENUM, F(flow), NO, 0, 0, "none", pe_flow, 0,
	  N_("none, x (XON/XOFF, shown by tterm), hard or rtscts") },
	{ TT, "DelayPerChar", PK_INT, F(char_delay), NO, 0, 10000, "0",
	  NULL, 0, N_("ms after each character sent") },
	{ TT, "DelayPerLine", PK_INT, F(line_delay), NO, 0, 10000, "0",
	  NULL, 0, N_("ms after each line sent") },
	/* Logging. */
	{ TT, "LogDefaultName", PK_STR, F(log_name), NO, 0, 0, "teraterm.log",
	  NULL, 0, N_("log file name: strftime codes, &h host, &p port, &u"
	  " user") },
	{ TT, "FileDir", PK_DIR, F(file_dir), NO, 0, 0, NULL, NULL, 0,
	  N_("where received files go (ZMODEM); default: the folder tterm was"
	  " started in") },
	{ TT, "LogDefaultPath", PK_DIR, F(log_path), NO, 0, 0, NULL, NULL, 0,
	  N_("folder for logs") },
	{ TT, "LogAutoStart", PK_ONOFF, F(log_autostart), NO, 0, 0, "off",
	  NULL, 0, N_("log every session from its start") },
	{ TT, "LogAppend", PK_ONOFF, F(log_append), NO, 0, 0, "off", NULL, 0,
	  N_("append to an existing log") },
	{ TT, "LogBinary", PK_ONOFF, F(log_binary), NO, 0, 0, "off", NULL, 0,
	  N_("log the bytes as received") },
	{ TT, "LogTypePlainText", PK_ONOFF, F(log_plain), NO, 0, 0, "on",
	  NULL, 0, N_("log text only (no escape sequences)") },
	{ TT, "LogTimestamp", PK_ONOFF, F(log_timestamp), NO, 0, 0, "off",
	  NULL, 0, N_("a time stamp before each logged line") },
	{ TT, "LogTimestampFormat", PK_STR, F(log_ts_format), NO, 0, 0,
	  "%Y-%m-%d %H:%M:%S.%N", NULL, 0, N_("strftime format, %N ms") },
	{ TT, "LogTimestampType", PK_ENUM, F(log_ts_type), NO, 0, 0, "Local",
	  pe_tstype, 0, N_("Local, UTC, LoggingElapsed, ConnectionElapsed") },
	/* SSH. */
	{ SSH, "Enabled", PK_BOOL, F(ssh), NO, 0, 0, "0", NULL, 0,
	  N_("1: TCP connections use SSH") },
	{ SSH, "DefaultUserName", PK_STR, F(user), NO, 0, 0, NULL, NULL, 0,
	  N_("user name") },
	{ SSH, "DefaultUserType", PK_INT, F(user_type), NO, 0, 2, "1", NULL, 0,
	  N_("0 ask, 1 DefaultUserName, 2 the local user name") },
	{ SSH, "DefaultAuthMethod", PK_ENUM, F(auth), NO, 0, 0, "3", pe_auth,
	  0, N_("2 public key, 3 password, 5 keyboard-interactive, 16 agent") },
	{ SSH, "DefaultRSAPrivateKeyFile", PK_KEY, F(keyfile), NO, 0, 0, NULL,
	  NULL, 0, N_("private key file (any type)") },
	{ SSH, "KnownHostsFiles", PK_PATHS, F(known_hosts), NO, 0, 0,
	  "ssh_known_hosts", NULL, 0, N_("known hosts files, ';' between them;"
	  " read besides ~/.ssh/known_hosts") },
	{ SSH, "HeartBeat", PK_INT, F(heartbeat), NO, 0, 86400, "300", NULL,
	  0, N_("keepalive after seconds of silence; 0 never") },
	{ SSH, "ForwardAgent", PK_BOOL, F(fwd_agent), NO, 0, 0, "0", NULL,
	  0, N_("forward the SSH agent ($SSH_AUTH_SOCK)") },
	{ SSH, "DefaultForwarding", PK_STR, F(forwarding), NO, 0, 0, NULL,
	  NULL, 0, N_("port forwardings, ';' between them:"
	  " L[listen:]port:host:port, R[listen:]port:host:port,"
	  " D[listen:]port (SOCKS); X is kept, not done yet") },
	{ SSH, "CipherOrder", PK_ORDER, F(cipher_order), NO, ORD_CIPHER, 0,
	  NULL, NULL, 0, N_("ciphers in order; those after 0 are off") },
	{ SSH, "KexOrder", PK_ORDER, F(kex_order), NO, ORD_KEX, 0, NULL, NULL,
	  0, N_("key exchange methods in order") },
	{ SSH, "HostKeyOrder", PK_ORDER, F(hostkey_order), NO, ORD_HOSTKEY, 0,
	  NULL, NULL, 0, N_("host key types in order") },
	{ SSH, "MacOrder", PK_ORDER, F(mac_order), NO, ORD_MAC, 0, NULL, NULL,
	  0, N_("MACs in order") },
	{ SSH, "CompOrder", PK_ORDER, F(comp_order), NO, ORD_COMP, 0, NULL,
	  NULL, 0, N_("compression methods in order") },
	{ SSH, "Compression", PK_INT, F(compression), NO, 0, 9, "0", NULL, 0,
	  N_("compression level; 0 none") },
	/* tterm's own keys. */
	{ OWN, "Host", PK_STR, F(host), NO, 0, 0, NULL, NULL, 0,
	  N_("the destination: a host, [user@]host[:port], ssh:// or telnet://"
	  " URL, or a Tera Term command line") },
	{ OWN, "Device", PK_STR, F(device), NO, 0, 0, NULL, NULL, 0,
	  N_("the serial device, instead of ComPort's /dev/ttyS(n-1)") },
	{ OWN, "Command", PK_STR, F(command), NO, 0, 0, NULL, NULL, 0,
	  N_("a local program to run (sh -c) instead of the shell") },
	{ OWN, "ProxyJump", PK_STR, F(jump), NO, 0, 0, NULL, NULL, 0,
	  N_("jump hosts, [user@]host[:port] with ',' between them") },
	{ OWN, "ServerTimeout", PK_INT, F(server_timeout), NO, 0, 3600, "0",
	  NULL, 0, N_("seconds to wait for each answer of an SSH server,"
	  " key exchange included; 0: tterm's 30") },
	{ OWN, "AnswerCommand", PK_STR, F(answer_cmd), NO, 0, 0, NULL, NULL,
	  0, N_("a command (sh -c) whose first output line answers an SSH"
	  " keyboard-interactive question that matches AnswerPrompt, such as"
	  " oathtool --totp; never logged or kept; the form appears if it"
	  " fails") },
	{ OWN, "AnswerPrompt", PK_STR, F(answer_prompt), NO, 0, 0, NULL, NULL,
	  0, N_("the questions AnswerCommand answers: an extended regular"
	  " expression, case ignored; empty: code|one-time|otp|token|"
	  "verification") },
	{ OWN, "PasswordCommand", PK_STR, F(password_cmd), NO, 0, 0, NULL,
	  NULL, 0, N_("a command (sh -c) whose first output line is the SSH"
	  " password (and answers a hidden keyboard-interactive question"
	  " that asks for a password); never logged or kept") },
	{ OWN, "KeyFolder", PK_STR, F(key_folder), NO, 0, 0, NULL, NULL, 0,
	  N_("a folder where migrated key files are looked for by name") },
	{ OWN, "IdentityFiles", PK_STR, F(ids), NO, 0, 0, NULL, NULL, 0,
	  N_("SSH key files tried in order (-i), ';' between them; instead of"
	  " DefaultRSAPrivateKeyFile") },
	{ OWN, "SSHConfig", PK_STR, F(ssh_config), NO, 0, 0, NULL, NULL, 0,
	  N_("the ssh_config file read for SSH (-F), or none; empty:"
	  " ~/.ssh/config") },
	{ OWN, "TCPKeepAlive", PK_ONOFF, F(tcp_keepalive), NO, 0, 0, "off",
	  NULL, 0, N_("TCP keepalive on SSH connections too"
	  " (--tcp-keepalive)") },
	{ OWN, "AuthMethodOnly", PK_ONOFF, F(auth_only), NO, 0, 0, "off",
	  NULL, 0, N_("try DefaultAuthMethod only (as /auth= asks)") },
	{ OWN, "Mouse", PK_ONOFF, F(mouse), NO, 0, 0, "on", NULL, 0,
	  N_("tterm takes the mouse: the wheel scrolls, a click picks a tab, a"
	  " drag copies (off: the outer terminal's own selection; read from"
	  " the start-up profile, as --no-mouse)") },
	{ OWN, "AutoZmodem", PK_ONOFF, F(auto_zmodem), NO, 0, 0, "on", NULL,
	  0, N_("a peer's sz (ZMODEM) starts a receive into FileDir by"
	  " itself") },
	{ OWN, "ClipboardFromHiddenTabs", PK_ONOFF, F(clip_hidden), NO, 0, 0,
	  "off", NULL, 0, N_("a hidden tab's program may set the clipboard"
	  " too") },
	{ OWN, "AskPassword", PK_ONOFF, F(ask_password), NO, 0, 0, "off",
	  NULL, 0, N_("ask for the password even when one was given"
	  " (/ask4passwd)") },
	{ NULL, NULL, 0, 0, 0, 0, 0, NULL, NULL, 0, NULL }
};

/*
 * Keys a text terminal has no use for (windows, fonts, mouse, printing,
 * file transfer): reported as ignored, not as unknown.
 */
static const char *prof_gui_keys[] = {
	"VTPos", "TEKPos", "SaveVTWinPos", "HideTitle", "PopupMenu",
	"EnablePopupMenu", "EnableShowMenu", "WindowMenu", "MouseCursor",
	"AlphaBlend", "AlphaBlendActive", "VTFont", "TEKFont", "DlgFont",
	"EnableBold", "FontQuality", "VTFontSpace", "DrawingResizedFont",
	"VTDrawAPI", "VTDrawACP", "DpiAware", "VTIcon", "TEKIcon",
	"WindowCornerDontround", "MaximizedBugTweak", "KillFocusCursor",
	"IME", "IMEInline", "IMERelatedCursor", "JumpList", "UILanguageFile",
	"Version", "ViewlogEditor", "ViewlogEditorArg", "CygwinDirectory",
	"ClickableUrlBrowser", "ClickableUrlBrowserArg", "PasteDialogSize",
	"PasteDelayPerLine", "SelectOnlyByLButton", "SelectOnActivate",
	"MouseSelectStartDelay", "DisableMouseTrackingByCtrl",
	"DisableWheelToCursorByCtrl", "ScrollThreshold", "PrnFont",
	"PrnMargin", "PrnConvFF", "PrinterCtrlSequence", "VTPPI", "TEKPPI",
	"TEKGINMouseCode", "Debug", "DebugModes", "BroadcastCommandHistory",
	"AcceptBroadcast", "MaxBroadcatHistory", "BroadcastSubmitKey",
	"FileSendFilter", "FileReceiveFilter", "ScpSendDir",
	"TransBin", "FTHideDialog", "AutoFileRename",
	"ConfirmFileDragAndDrop", "FileSendHighSpeedMode", "NotifySound",
	"NotifyClipboardAccess", "IniAutoBackup", "DelimList", "DelimDBCS",
	"EnableContinuedLineCopy", "AutoTextCopy", "DecSpMappingDir",
	"UnicodeToDecSpMapping", "Locale", "CodePage", "RussClient",
	"RussFont", "RussPrint", "LanguageSelection", "ListHiddenFonts",
	"TEKColor", "TEKColorEmulation", "AutoWinResize", "TermIsWin",
	"AutoWinSwitch", "VTReverseColor", "VTBlinkColor", "VTUnderlineColor",
	"URLColor", "EnableBlinkAttrColor", "EnableReverseAttrColor",
	"UnderlineAttrColor", "UnderlineAttrFont", "EnableURLColor",
	"URLUnderline", "EnableClickableUrl", "CursorShape",
	"NonblinkingCursor", "HostDialogOnStartup", "AutoWinClose",
	"ConfirmDisconnect", "SSHIcon", "AuthBanner", "DisablePopupMessage",
	NULL
};

/* Prefixes of GUI-only key families. */
static const char *prof_gui_prefixes[] = {
	"Accelerator", "DisableMenu", "DisableAccelerator", "DisablePaste",
	"ConfirmPaste", "ConfirmChangePaste", "PassThru", "Xmodem", "Ymodem",
	"Zmodem", "Kmt", "BP", "QV", "Sendfile", "Receivefile", "JoinSplitURL",
	"Beep", "Log", NULL
};

/* Whole sections with nothing for a text terminal. */
static const char *prof_gui_sections[] = {
	"BG", "UnicodeOverrideCharWidth", "TTXKanjiMenu", "ttyrec", "ttyplay",
	"Resize Menu", "Change Font Size", "Plugin", "Experimental",
	"TTXttyrec", NULL
};

/*
 * An index of the table by section and key, folded to lower case: a
 * profile of a few hundred keys is read in linear time, not keys × table.
 * Built on the first lookup; the table never changes.
 */
#define PROF_INDEX_SIZE	1024		/* a power of two, over twice the table */
static const struct prof_key *prof_index[PROF_INDEX_SIZE];
static int	 prof_index_built;

static u_int
prof_key_hash(const char *section, const char *key)
{
	u_int	h = 2166136261u;

	for (; *section != '\0'; section++)
		h = (h ^ (u_char)tolower((u_char)*section)) * 16777619u;
	h = (h ^ '[') * 16777619u;
	for (; *key != '\0'; key++)
		h = (h ^ (u_char)tolower((u_char)*key)) * 16777619u;
	return (h & (PROF_INDEX_SIZE - 1));
}

static void
prof_index_build(void)
{
	const struct prof_key	*k;
	u_int			 h;

	if (sizeof prof_keys / sizeof prof_keys[0] > PROF_INDEX_SIZE / 2)
		fatal("%s: the index is too small for the table", __func__);
	for (k = prof_keys; k->key != NULL; k++) {
		h = prof_key_hash(k->section, k->key);
		while (prof_index[h] != NULL)
			h = (h + 1) & (PROF_INDEX_SIZE - 1);
		prof_index[h] = k;
	}
	prof_index_built = 1;
}

const struct prof_key *
prof_key_find(const char *section, const char *key)
{
	const struct prof_key	*k;
	u_int			 h;

	if (!prof_index_built)
		prof_index_build();
	h = prof_key_hash(section, key);
	while ((k = prof_index[h]) != NULL) {
		if (strcasecmp(k->key, key) == 0 &&
		    strcasecmp(k->section, section) == 0)
			return (k);
		h = (h + 1) & (PROF_INDEX_SIZE - 1);
	}
	return (NULL);
}

/* A section Tera Term writes (its keys are not typing mistakes). */
int
prof_section_teraterm(const char *section)
{
	static const char *known[] = { TT, SSH, "TTProxy",
	    "TTXRecurringCommand", "Hosts", NULL };
	u_int	i;

	for (i = 0; known[i] != NULL; i++) {
		if (strcasecmp(section, known[i]) == 0)
			return (1);
	}
	return (0);
}

/* Is this a key tterm knows and deliberately does not use? */
int
prof_key_ignored(const char *section, const char *key)
{
	u_int	i;

	for (i = 0; prof_gui_sections[i] != NULL; i++) {
		if (strcasecmp(section, prof_gui_sections[i]) == 0)
			return (1);
	}
	if (strcasecmp(section, TT) != 0 && strcasecmp(section, SSH) != 0)
		return (0);
	for (i = 0; prof_gui_keys[i] != NULL; i++) {
		if (strcasecmp(key, prof_gui_keys[i]) == 0)
			return (1);
	}
	for (i = 0; prof_gui_prefixes[i] != NULL; i++) {
		if (strncasecmp(key, prof_gui_prefixes[i],
		    strlen(prof_gui_prefixes[i])) == 0)
			return (1);
	}
	return (0);
}
