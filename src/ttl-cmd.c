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
	C(wait), C(waitln), C(waitregex), C(waitrecv), C(waitn), C(recvln),
	C(flushrecv), C(waitevent), C(pause), C(mpause), C(settitle),
	C(gettitle), C(gethostname), C(dispstr), C(clearscreen), C(setdebug),
	A(setsync), A(setecho), A(showtt), A(show), A(enablekeyb),
	A(setdlgpos), A(bringupbox), A(logautoclosemode),
	/* the session log */
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
	/* passwords */
	C(getpassword), C(setpassword), C(ispassword), C(delpassword),
	C(getpassword2), C(setpassword2), C(ispassword2), C(delpassword2),
	/* system */
	C(intdim), C(strdim), C(ifdefined), C(getenv),
	C(setenv), C(getdate), C(gettime), C(random), C(beep),
	C(setexitcode), C(getdir), C(setdir), C(getver), C(getttdir),
	C(exec),
	/* files */
	C(fileopen), C(filecreate), C(fileclose), C(filereadln), C(fileread),
	C(filewrite), C(filewriteln), C(fileseek), C(fileseekback),
	C(filesearch), C(filedelete), C(filerename), C(filestat),
	C(foldercreate), C(foldersearch), C(basename), C(dirname),
	C(makepath), C(findfirst), C(findnext), C(findclose),
};
#undef C
#undef A

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
