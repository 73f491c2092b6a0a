# Lyra — convenience front end over CMake.
#   make run        install missing packages, build, run examples/hello.ly
#   make test       install missing packages, build, run the whole test suite
#   make test-asan  the suite under AddressSanitizer + UBSan (build-asan/)
#   make test-tsan  the concurrency suites under ThreadSanitizer (build-tsan/)
#   make bench      build optimised, run the benchmarks against their peers
#   make install    install (PREFIX=/usr/local, DESTDIR honoured)
#   make fuzz       libFuzzer harnesses (clang, build-fuzz/), each run FUZZ_SECONDS
#   make sweep      the allocation-failure sweep over every N under ASan (CI: every 3rd)
PREFIX ?= /usr/local
JOBS   ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=
FUZZ_SECONDS ?= 60
FUZZERS ?= $(patsubst fuzz/fuzz_%.c,%,$(wildcard fuzz/fuzz_*.c))
CLANG ?= $(shell command -v clang-14 || command -v clang)

.PHONY: all deps build run test test-asan test-tsan bench install clean fuzz sweep

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
	cmake -S . -B build-asan -DLY_SANITIZE=address -DLY_TESTS=ON -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS_DEBUG="-O1 -g"
	cmake --build build-asan -j $(JOBS)
	cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS) --timeout 900 -LE tsan-only

test-tsan: deps
	cmake -S . -B build-tsan -DLY_SANITIZE=thread -DLY_TESTS=ON -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS_DEBUG="-O1 -g"
	cmake --build build-tsan -j $(JOBS)
	cd build-tsan && TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$(CURDIR)/tests/tsan.supp" \
	  ctest --output-on-failure -j $(JOBS) --timeout 900 -L 'runtime|stress|parallel'

# test-asan runs the sweep on every 3rd N (LY_SWEEP_STRIDE=3 in ctest); this
# fails every N in turn (SWEEP_STRIDE=k for every k-th, SWEEP=name for one script)
SWEEP_STRIDE ?= 1
sweep: deps
	cmake -S . -B build-asan -DLY_SANITIZE=address -DLY_TESTS=ON -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS_DEBUG="-O1 -g"
	cmake --build build-asan -j $(JOBS) --target test_alloc_sweep
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  LY_SWEEP_STRIDE=$(SWEEP_STRIDE) ./build-asan/tests/unit/alloc/test_alloc_sweep $(SWEEP)

bench: deps
	cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release
	cmake --build build-bench -j $(JOBS)
	sh bench/run.sh build-bench

# Each fuzzer starts from its seeds (fuzz/corpus/NAME), every earlier finding
# (fuzz/regressions/, replayed first) and what earlier runs found
# (build-fuzz/corpus/NAME); a crash leaves its input in build-fuzz/crashes/
# and fails the target.  Without clang: skipped.
fuzz: deps
	@if [ -z "$(CLANG)" ]; then echo "make fuzz: clang not found, fuzzers skipped"; exit 0; fi; \
	cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=$(CLANG) -DLY_FUZZ=ON -DLY_SANITIZE=address \
	  -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS_DEBUG="-O1 -g" >/dev/null && \
	cmake --build build-fuzz -j $(JOBS) --target $(addprefix fuzz_,$(FUZZERS)) && \
	mkdir -p build-fuzz/crashes && status=0 && \
	for f in $(FUZZERS); do \
	  mkdir -p build-fuzz/corpus/$$f; \
	  echo "== fuzz_$$f for $(FUZZ_SECONDS) s"; \
	  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ./build-fuzz/fuzz/fuzz_$$f -max_total_time=$(FUZZ_SECONDS) -timeout=30 -rss_limit_mb=2048 \
	    -max_len=4096 -print_final_stats=1 -artifact_prefix=build-fuzz/crashes/$$f- \
	    build-fuzz/corpus/$$f $$([ -d fuzz/corpus/$$f ] && echo fuzz/corpus/$$f) fuzz/regressions 2>build-fuzz/fuzz_$$f.log \
	    || { status=1; echo "fuzz_$$f FAILED:"; grep -A30 -E '^==[0-9]+==ERROR|^SUMMARY|deadly signal|timeout after|round trip|ly_copy' build-fuzz/fuzz_$$f.log | head -60; }; \
	  grep -E '^(stat::number_of_executed_units|stat::new_units_added)' build-fuzz/fuzz_$$f.log; \
	done; exit $$status

# As root into the system (no DESTDIR), refresh the loader's cache so that
# programs linked against liblyra.so.0 in /usr/local/lib find it at once.
install: build
	cmake --install build --prefix $(PREFIX)
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ] && command -v ldconfig >/dev/null 2>&1; then ldconfig; fi

clean:
	rm -rf build build-asan build-tsan build-bench build-fuzz
