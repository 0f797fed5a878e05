// Linked into the release bundle with `--wrap=hypot,hypotf,arc4random` (scripts/bundle) so that it needs nothing
// newer than glibc 2.34 (Amazon Linux 2023). glibc 2.35 gave hypot and hypotf new implementations under a new
// symbol version, and Foundation's CGFloat and the Glibc overlay call them: their calls go to the GLIBC_2.2.5
// versions every x86_64 glibc has. arc4random (2.36) is called by the static libstdc++'s std::random_device:
// its calls get the same kernel randomness from getrandom (2.25), failing as hard as glibc's arc4random does.
#include <errno.h>
#include <stdlib.h>
#include <sys/random.h>

double slipway_hypot_2_2_5(double x, double y);
float slipway_hypotf_2_2_5(float x, float y);
__asm__(".symver slipway_hypot_2_2_5, hypot@GLIBC_2.2.5");
__asm__(".symver slipway_hypotf_2_2_5, hypotf@GLIBC_2.2.5");

double __wrap_hypot(double x, double y) { return slipway_hypot_2_2_5(x, y); }
float __wrap_hypotf(float x, float y) { return slipway_hypotf_2_2_5(x, y); }

unsigned int __wrap_arc4random(void) {
    unsigned int value;
    for (;;) {
        ssize_t got = getrandom(&value, sizeof value, 0);
        if (got == (ssize_t)sizeof value) return value;
        if (got >= 0 || errno != EINTR) abort();
    }
}
