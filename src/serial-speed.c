/*
 * serial-speed.c: speeds outside the standard list. Linux's termios2
 * interface (BOTHER) takes any rate the driver can make; it lives apart
 * from serial.c because <asm/termbits.h> and <termios.h> cannot share a
 * file. Elsewhere only the standard speeds exist.
 */
#include "config.h"

#include <errno.h>

#include "tterm.h"

#ifdef __linux__
#include <sys/ioctl.h>

#include <asm/termbits.h>

/* Set an arbitrary speed on fd (after tcsetattr); *got is what stuck. */
int
serial_custom_speed(int fd, u_int speed, u_int *got)
{
	struct termios2	t;

	if (ioctl(fd, TCGETS2, &t) != 0)
		return (-1);
	t.c_cflag &= ~(CBAUD | (CBAUD << IBSHIFT));
	t.c_cflag |= BOTHER | (BOTHER << IBSHIFT);
	t.c_ispeed = speed;
	t.c_ospeed = speed;
	if (ioctl(fd, TCSETS2, &t) != 0 || ioctl(fd, TCGETS2, &t) != 0)
		return (-1);
	*got = t.c_ospeed;
	return (0);
}
#else
int
serial_custom_speed(int fd, u_int speed, u_int *got)
{
	errno = EINVAL;
	return (-1);
}
#endif
