# The two commands of README.md: `make run` and `make test`. Both install what they need
# (Debian packages, npm packages from the lock file), build, and can be run again safely.
BUILD_DIR ?= build
JOBS ?= 2
BOUSSOLE := $(BUILD_DIR)/boussole

.PHONY: run test deps configure build build-server data serve clean

run: deps build-server data serve

test: deps build
	bash scripts/run-tests.sh $(BUILD_DIR)

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
	rm -rf $(BUILD_DIR)
