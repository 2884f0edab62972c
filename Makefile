# The two commands of README.md: `make run` and `make test`. Both install what they need
# (Debian packages, npm packages from the lock file), build, and can be run again safely.
BUILD_DIR ?= build
# The same sources and tests under ASan + UBSan (clang), and the libFuzzer targets (clang).
ASAN_BUILD_DIR ?= build-asan
FUZZ_BUILD_DIR ?= build-fuzz
# `make test` fuzzes each target for 5 s, from its corpus: a build of its own at -O0, which
# compiles in half the time; `make fuzz`'s long runs get the -O1 build, which runs faster.
FUZZ_TEST_BUILD_DIR ?= build-fuzz-test
# How long `make fuzz` runs each fuzz target, in seconds (`make test`: 5 s each).
FUZZ_SECONDS ?= 120
# Compile jobs: one more than this 2-core machine's cores, so that a link or the last file
# of a library does not leave a core idle (8 to 13% of a cold build's samples were idle at 2).
JOBS ?= 3
BOUSSOLE := $(BUILD_DIR)/boussole
# -O1: sanitizer reports keep usable stack traces and the tests run at a fair speed.
DEBUG_FLAGS := -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g1"

.PHONY: run test sanitize fuzz deps configure build build-for-tests build-server configure-asan build-asan configure-fuzz build-fuzz \
	configure-fuzz-test build-fuzz-test data serve clean

run: deps build-server data serve

test: deps build-for-tests build-asan build-fuzz-test
	bash scripts/run-tests.sh $(BUILD_DIR) $(ASAN_BUILD_DIR) $(FUZZ_TEST_BUILD_DIR)

# The whole CTest suite under ASan + UBSan, without the exclusions of `make test`.
sanitize: deps build-asan
	bash scripts/run-sanitized.sh $(ASAN_BUILD_DIR)

# Every fuzz target for FUZZ_SECONDS each, two at a time; crashes are left in
# $(FUZZ_BUILD_DIR)/fuzz-work/<target>/.
fuzz: deps build-fuzz
	FUZZ_SECONDS=$(FUZZ_SECONDS) ctest --test-dir $(FUZZ_BUILD_DIR) --output-on-failure -j 2

deps: node_modules/.boussole-installed
	bash scripts/install-deps.sh

# npm ci only when the lock file changed: a second `make run` downloads nothing.
node_modules/.boussole-installed: package.json package-lock.json .dsfr.yml
	bash scripts/install-deps.sh
	npm ci --no-audit --no-fund
	touch $@

configure:
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release -DBOUSSOLE_WERROR=ON

# Everything, tests included.
build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

# Clang: it compiles the instrumented sources about 30% faster than GCC 12 (16.7 s against
# 23.8 s for one unity file of the web layer), the largest build of `make test`; the normal
# build stays GCC's, so both compilers' warnings are errors. -Werror here too: this build is
# the only one of `make test` that compiles every test. The compiler is named on the command
# line so that a build-asan/ configured by GCC before is configured again. The clang builds
# link with lld: their programs carry debug information and link in 1.2 s instead of 4 s.
CLANG_LINK := -DCMAKE_EXE_LINKER_FLAGS=-fuse-ld=lld
configure-asan:
	cmake -S . -B $(ASAN_BUILD_DIR) -DCMAKE_CXX_COMPILER=clang++ $(DEBUG_FLAGS) -DBOUSSOLE_SANITIZE=ON \
		-DBOUSSOLE_WERROR=ON $(CLANG_LINK)

build-asan: configure-asan
	cmake --build $(ASAN_BUILD_DIR) -j $(JOBS)

configure-fuzz:
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD_DIR) $(DEBUG_FLAGS) -DBOUSSOLE_FUZZ=ON $(CLANG_LINK)

build-fuzz: configure-fuzz
	cmake --build $(FUZZ_BUILD_DIR) -j $(JOBS)

configure-fuzz-test:
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ_TEST_BUILD_DIR) -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O0 -g1" \
		-DBOUSSOLE_FUZZ=ON $(CLANG_LINK)

build-fuzz-test: configure-fuzz-test
	cmake --build $(FUZZ_TEST_BUILD_DIR) -j $(JOBS)

# What `make test` runs on the normal build (see scripts/run-tests.sh): the server, for the
# browser tests, and the programs of the tests that run there rather than under the
# sanitizers; and the search benchmark, so that it keeps compiling. Every other test program
# is built, with -Werror too, in the sanitizer build.
NORMAL_BUILD_TEST_TARGETS := boussole integration_tests resilience_tests territories_unit_tests boussole-bench-search
build-for-tests: configure
	cmake --build $(BUILD_DIR) -j $(JOBS) --target $(NORMAL_BUILD_TEST_TARGETS)

# Only the server: what `make run` needs.
build-server: configure
	cmake --build $(BUILD_DIR) -j $(JOBS) --target boussole

# Imports skip themselves when the data did not change.
data:
	$(BOUSSOLE) import territories
	$(BOUSSOLE) import offers
	$(BOUSSOLE) import programmes

serve:
	$(BOUSSOLE) serve

clean:
	rm -rf $(BUILD_DIR) $(ASAN_BUILD_DIR) $(FUZZ_BUILD_DIR) $(FUZZ_TEST_BUILD_DIR)
