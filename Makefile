# Lyra — convenience front end over CMake.
#   make run        install missing packages, build, run examples/hello.ly
#   make test       install missing packages, build, run the whole test suite
#   make test-asan  the suite under AddressSanitizer + UBSan (build-asan/)
#   make test-tsan  the concurrency suites under ThreadSanitizer (build-tsan/)
#   make bench      build optimised, run the benchmarks against their peers
#   make install    install (PREFIX=/usr/local, DESTDIR honoured)
PREFIX ?= /usr/local
JOBS   ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=

.PHONY: all deps build run test test-asan test-tsan bench install clean

all: build

deps:
	@sh tools/deps.sh

build/CMakeCache.txt: | deps
	cmake -S . -B build -DCMAKE_INSTALL_PREFIX=$(PREFIX) $(CMAKE_FLAGS)

build: deps build/CMakeCache.txt
	cmake --build build -j $(JOBS)

run: build
	./build/lyra examples/hello.ly

test: build
	cd build && ctest --output-on-failure -j $(JOBS) --timeout 600

test-asan: deps
	cmake -S . -B build-asan -DLY_SANITIZE=address -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS_DEBUG="-O1 -g"
	cmake --build build-asan -j $(JOBS)
	cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS) --timeout 900 -LE tsan-only

test-tsan: deps
	cmake -S . -B build-tsan -DLY_SANITIZE=thread -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS_DEBUG="-O1 -g"
	cmake --build build-tsan -j $(JOBS)
	cd build-tsan && TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$(CURDIR)/tests/tsan.supp" \
	  ctest --output-on-failure -j $(JOBS) --timeout 900 -L 'runtime|stress|parallel'

bench: deps
	cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release
	cmake --build build-bench -j $(JOBS)
	sh bench/run.sh build-bench

install: build
	cmake --install build --prefix $(PREFIX)

clean:
	rm -rf build build-asan build-tsan build-bench
