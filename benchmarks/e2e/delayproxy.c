/*
 * delayproxy: a TCP relay that holds every chunk it reads for a set time before it writes it on, in both
 * directions, so that a client on loopback sees a network's round trip (2 x DELAY_US). For the end-to-end
 * benchmarks (benchmarks/e2e/latency.sh): the kernels these benchmarks run on have no netem.
 *
 *   delayproxy LISTEN_PORT TARGET_HOST TARGET_PORT DELAY_US
 *
 * One thread, epoll, and a timerfd armed for the earliest chunk due; bytes keep their order per direction.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#define MAXC 64
#define CHUNK 65536

struct chunk { struct chunk *next; uint64_t due; size_t len, off; char data[]; };
/* one direction: bytes read from 'from' go to 'to' */
struct dir { int from, to; struct chunk *head, *tail; int eof, done; };
struct pair { int used; struct dir d[2]; };

static struct pair pairs[MAXC];
static uint64_t delay_ns;

static uint64_t now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (uint64_t)t.tv_sec * 1000000000ull + t.tv_nsec;
}

static void die(const char *what) { perror(what); exit(1); }

static void nodelay(int fd) {
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

static void close_pair(struct pair *p) {
  for (int i = 0; i < 2; i++) {
    struct chunk *c = p->d[i].head;
    while (c) { struct chunk *n = c->next; free(c); c = n; }
  }
  close(p->d[0].from);
  close(p->d[0].to);
  p->used = 0;
}

/* writes what is due; returns -1 when the pair is finished */
static int flush(struct pair *p, uint64_t now) {
  for (int i = 0; i < 2; i++) {
    struct dir *d = &p->d[i];
    while (d->head && d->head->due <= now) {
      struct chunk *c = d->head;
      while (c->off < c->len) {
        ssize_t w = write(d->to, c->data + c->off, c->len - c->off);
        if (w < 0) {
          if (errno == EINTR) continue;
          return -1;
        }
        c->off += (size_t)w;
      }
      d->head = c->next;
      if (!d->head) d->tail = NULL;
      free(c);
    }
    if (d->eof && !d->head && !d->done) {
      shutdown(d->to, SHUT_WR);
      d->done = 1;
    }
  }
  return p->d[0].done && p->d[1].done ? -1 : 0;
}

int main(int argc, char **argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: delayproxy LISTEN_PORT TARGET_HOST TARGET_PORT DELAY_US\n");
    return 2;
  }
  delay_ns = strtoull(argv[4], NULL, 10) * 1000ull;
  struct sockaddr_in target = {.sin_family = AF_INET, .sin_port = htons(atoi(argv[3]))};
  if (inet_pton(AF_INET, argv[2], &target.sin_addr) != 1) die("target address");
  int ls = socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in la = {.sin_family = AF_INET, .sin_port = htons(atoi(argv[1]))};
  la.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(ls, (struct sockaddr *)&la, sizeof la) < 0) die("bind");
  if (listen(ls, 64) < 0) die("listen");
  int ep = epoll_create1(0);
  int tfd = timerfd_create(CLOCK_MONOTONIC, 0);
  struct epoll_event ev = {.events = EPOLLIN, .data.u64 = UINT64_MAX};
  epoll_ctl(ep, EPOLL_CTL_ADD, ls, &ev);
  ev.data.u64 = UINT64_MAX - 1;
  epoll_ctl(ep, EPOLL_CTL_ADD, tfd, &ev);
  static char buf[CHUNK];
  for (;;) {
    uint64_t next = 0;
    for (int i = 0; i < MAXC; i++) {
      if (!pairs[i].used) continue;
      for (int k = 0; k < 2; k++) {
        struct chunk *h = pairs[i].d[k].head;
        if (h && (!next || h->due < next)) next = h->due;
      }
    }
    struct itimerspec its = {0};
    if (next) {
      its.it_value.tv_sec = next / 1000000000ull;
      its.it_value.tv_nsec = next % 1000000000ull;
    }
    timerfd_settime(tfd, TFD_TIMER_ABSTIME, &its, NULL);
    struct epoll_event evs[32];
    int n = epoll_wait(ep, evs, 32, -1);
    if (n < 0) {
      if (errno == EINTR) continue;
      die("epoll_wait");
    }
    for (int e = 0; e < n; e++) {
      uint64_t tag = evs[e].data.u64;
      if (tag == UINT64_MAX) {
        int c = accept(ls, NULL, NULL);
        if (c < 0) continue;
        int s = socket(AF_INET, SOCK_STREAM, 0);
        if (connect(s, (struct sockaddr *)&target, sizeof target) < 0) { close(c); close(s); continue; }
        nodelay(c);
        nodelay(s);
        int slot = -1;
        for (int i = 0; i < MAXC; i++) if (!pairs[i].used) { slot = i; break; }
        if (slot < 0) { close(c); close(s); continue; }
        struct pair *p = &pairs[slot];
        memset(p, 0, sizeof *p);
        p->used = 1;
        p->d[0].from = c; p->d[0].to = s;
        p->d[1].from = s; p->d[1].to = c;
        for (int k = 0; k < 2; k++) {
          struct epoll_event pe = {.events = EPOLLIN, .data.u64 = (uint64_t)slot * 2 + k};
          epoll_ctl(ep, EPOLL_CTL_ADD, p->d[k].from, &pe);
        }
      } else if (tag == UINT64_MAX - 1) {
        uint64_t x;
        if (read(tfd, &x, sizeof x) < 0 && errno != EAGAIN) die("timerfd");
      } else {
        struct pair *p = &pairs[tag / 2];
        struct dir *d = &p->d[tag % 2];
        if (!p->used) continue;
        ssize_t r = read(d->from, buf, sizeof buf);
        if (r <= 0) {
          if (r < 0 && errno == EINTR) continue;
          d->eof = 1;
          epoll_ctl(ep, EPOLL_CTL_DEL, d->from, NULL);
        } else {
          struct chunk *c = malloc(sizeof *c + (size_t)r);
          c->next = NULL;
          c->due = now_ns() + delay_ns;
          c->len = (size_t)r;
          c->off = 0;
          memcpy(c->data, buf, (size_t)r);
          if (d->tail) d->tail->next = c; else d->head = c;
          d->tail = c;
        }
      }
    }
    uint64_t now = now_ns();
    for (int i = 0; i < MAXC; i++) {
      if (pairs[i].used && flush(&pairs[i], now) < 0) {
        epoll_ctl(ep, EPOLL_CTL_DEL, pairs[i].d[0].from, NULL);
        epoll_ctl(ep, EPOLL_CTL_DEL, pairs[i].d[1].from, NULL);
        close_pair(&pairs[i]);
      }
    }
  }
}
