# GezondIn: `make run` installs, builds and serves the demo; `make test` installs, builds and
# runs every test. See README.md.
BUILD ?= build
DATA ?= var
LISTEN ?= 127.0.0.1:8080
JOBS ?= 2
BIN = $(BUILD)/src/main/gezondin

# Let ccache reuse objects across fresh clones in other folders (CI builds a new clone).
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1

.PHONY: deps configure build test run bench fuzz clean

deps:
	@scripts/install-deps.sh --with-browser-tests

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

configure: $(BUILD)/build.ninja

build: deps configure
	cmake --build $(BUILD) -j $(JOBS)

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS) --timeout 600

run: deps configure
	cmake --build $(BUILD) -j $(JOBS) --target gezondin
	$(BIN) demo --data $(DATA)
	$(BIN) serve --data $(DATA) --listen $(LISTEN)

bench: build
	scripts/run-benchmarks.sh $(BUILD)

clean:
	rm -rf $(BUILD)
