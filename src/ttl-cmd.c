/*
 * ttl-cmd.c: the table of TTL commands by name. The words of the language
 * itself (if, while, goto, include, execcmnd, ...) are ttl.c's.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tterm.h"
#include "ttl-int.h"

#define C(name) { #name, ttl_cmd_##name }
#define A(name) { #name, ttl_cmd_accept }
static const struct {
	const char	*name;
	ttl_cmd_fn	 fn;
} ttl_cmds[] = {
	/* communication */
	C(connect), C(disconnect), C(closett), C(unlink), C(testlink),
	C(send), C(sendln), C(sendtext), C(sendbinary), C(sendbreak),
	C(sendfile),
	C(wait), C(waitln), C(waitregex), C(waitrecv), C(waitn), C(recvln),
	C(flushrecv), C(waitevent), C(pause), C(mpause), C(settitle),
	C(gettitle), C(gethostname), C(dispstr), C(clearscreen), C(setdebug),
	C(setsync), C(setecho), A(showtt), A(show), A(enablekeyb),
	A(setdlgpos), A(bringupbox), A(logautoclosemode),
	/* the session log */
	C(scpsend), C(scprecv), C(recvfile), C(zmodemsend), C(zmodemrecv),
	C(xmodemsend), C(xmodemrecv), C(ymodemsend), C(ymodemrecv),
	C(logopen), C(logclose), C(logpause), C(logstart), C(logwrite),
	C(loginfo), C(logrotate),
	/* serial */
	C(setbaud), { "setspeed", ttl_cmd_setbaud }, C(setdtr), C(setrts),
	C(setflowctrl), C(setserialdelaychar), C(setserialdelayline),
	C(getmodemstatus),
	/* strings */
	C(strconcat), C(strcopy), C(strlen), C(strscan), C(strcompare),
	C(strinsert), C(strremove), C(strreplace), C(strmatch), C(strsplit),
	C(strjoin), C(strtrim), C(strspecial), C(tolower), C(toupper),
	C(sprintf), C(sprintf2), C(int2str), C(str2int), C(code2str),
	C(str2code), C(expandenv), C(regexoption),
	/* dialogs */
	C(messagebox), C(yesnobox), C(inputbox), C(passwordbox),
	C(listbox), C(filenamebox), C(dirnamebox), C(statusbox),
	C(closesbox),
	/* passwords */
	C(getpassword), C(setpassword), C(ispassword), C(delpassword),
	C(getpassword2), C(setpassword2), C(ispassword2), C(delpassword2),
	/* system */
	C(intdim), C(strdim), C(ifdefined), C(getenv),
	C(setenv), C(getdate), C(gettime), C(random), C(beep),
	C(setexitcode), C(getdir), C(setdir), C(getver), C(getttdir),
	C(exec), C(checksum8), C(checksum16), C(checksum32),
	C(checksum8file), C(checksum16file), C(checksum32file), C(crc16),
	C(crc32), C(crc16file), C(crc32file), C(rotateleft), C(rotateright),
	C(uptime), C(getipv4addr), C(getipv6addr), C(getspecialfolder),
	C(var2clipb), C(clipb2var),
	/* files */
	C(fileopen), C(filecreate), C(fileclose), C(filereadln), C(fileread),
	C(filewrite), C(filewriteln), C(fileseek), C(fileseekback),
	C(filesearch), C(filedelete), C(filerename), C(filestat),
	C(foldercreate), C(foldersearch), C(basename), C(dirname),
	C(makepath), C(findfirst), C(findnext), C(findclose),
	C(filemarkptr), C(filestrseek), C(filestrseek2), C(filecopy),
	C(fileconcat), C(filetruncate), C(folderdelete), C(getfileattr),
	C(setfileattr),
};
#undef C
#undef A

/*
 * Tera Term's commands that tterm does not run, each with why: a macro
 * that uses one stops there with that, not with "unknown command".
 */
static const struct {
	const char	*name;
	const char	*why;
} ttl_missing[] = {
	{ "kmtsend", N_("Kermit transfers are not supported") },
	{ "kmtrecv", N_("Kermit transfers are not supported") },
	{ "kmtget", N_("Kermit transfers are not supported") },
	{ "kmtfinish", N_("Kermit transfers are not supported") },
	{ "bplussend", N_("B-Plus transfers are not supported") },
	{ "bplusrecv", N_("B-Plus transfers are not supported") },
	{ "quickvansend", N_("Quick-VAN transfers are not supported") },
	{ "quickvanrecv", N_("Quick-VAN transfers are not supported") },
	{ "sendkcode",
	    N_("it presses keys of Tera Term's Windows keyboard map") },
	{ "callmenu", N_("it chooses from Tera Term's Windows menus") },
	{ "restoresetup", N_("it loads a setup into Tera Term's Windows") },
	{ "loadkeymap", N_("it loads Tera Term's Windows keyboard map") },
	{ "wait4all", N_("it waits on every Tera Term window at once") },
	{ "sendbroadcast", N_("broadcast to other Tera Term windows") },
	{ "sendlnbroadcast", N_("broadcast to other Tera Term windows") },
	{ "sendmulticast", N_("broadcast to other Tera Term windows") },
	{ "sendlnmulticast", N_("broadcast to other Tera Term windows") },
	{ "setmulticastname", N_("broadcast to other Tera Term windows") },
	{ "cygconnect", N_("Cygwin's terminal: a tab's local shell does it") },
	{ "getttpos", N_("Tera Term's window position") },
	{ "setdate", N_("it sets the system clock") },
	{ "settime", N_("it sets the system clock") },
};

/* Why a command of Tera Term's does not run here, or NULL. */
const char *
ttl_cmd_missing(const char *name)
{
	size_t	i;

	for (i = 0; i < sizeof ttl_missing / sizeof ttl_missing[0]; i++) {
		if (strcmp(ttl_missing[i].name, name) == 0)
			return (ttl_missing[i].why);
	}
	return (NULL);
}

ttl_cmd_fn
ttl_cmd_find(const char *name)
{
	size_t	i;

	for (i = 0; i < sizeof ttl_cmds / sizeof ttl_cmds[0]; i++) {
		if (strcmp(ttl_cmds[i].name, name) == 0)
			return (ttl_cmds[i].fn);
	}
	return (NULL);
}
