# facesearch: the two commands of the README's quick start are `make run` and
# `make test`; both install what they need on a fresh Debian 12 machine.

SHELL := /bin/bash
export OPENBLAS_NUM_THREADS := 1
FACESEARCH_CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/facesearch
export FACESEARCH_CACHE
PHOTOS := $(FACESEARCH_CACHE)/test-images
BIN := .build/release/facesearch
FACESEARCH_DATA ?= data
MILVUS_DATA := $(FACESEARCH_CACHE)/milvus-data

.PHONY: setup build run demo test lint format bench-pipeline clean

## setup: apt packages, dlib models and test photos into $(FACESEARCH_CACHE)
setup:
	@bash scripts/setup.sh

## build: release build of the facesearch executable
build: setup
	swift build -c release --product facesearch

## run: set up, build, then serve on http://127.0.0.1:8080 with the gallery in ./data
## (the first start creates an admin key and prints it once; SETTINGS: extra serve flags)
run: build
	@$(BIN) keys list --data $(FACESEARCH_DATA) 2>/dev/null | grep -q "	active	" || { \
		echo "First start: the admin key of $(FACESEARCH_DATA) (shown once; keep it, then paste it into the page):"; \
		$(BIN) keys create --name first-admin --scope admin --data $(FACESEARCH_DATA); }
	$(BIN) serve --data $(FACESEARCH_DATA) $(SETTINGS)

## demo: the pipeline on face_recognition's test photos, without the service
demo: build
	$(BIN) detect $(PHOTOS)/obama.jpg $(PHOTOS)/biden.jpg $(PHOTOS)/32bit.png
	$(BIN) compare $(PHOTOS)/obama.jpg $(PHOTOS)/obama2.jpg
	$(BIN) compare $(PHOTOS)/obama.jpg $(PHOTOS)/biden.jpg

## test: set up, check formatting, then run every test (the Milvus ones against a real Milvus 2.3.5, scripts/milvus-tests.sh)
test: setup lint
	swift build --build-tests
	bash scripts/swift-test.sh
	bash scripts/milvus-tests.sh --skip-build --filter "Milvus|EngineTests|IngestTests|KnnExamplesTests" --skip MilvusOutageTests
	bash scripts/milvus-tests.sh --skip-build --filter MilvusOutageTests
	bash scripts/blas-kernels.sh
	bash scripts/portable-kernels.sh
	bash tests/soak/run.sh .build/debug/facesearch --rounds 30
	bash scripts/check-api-examples.sh .build/debug/facesearch
	bash scripts/schemathesis.sh .build/debug/facesearch
	FACESEARCH_BIN=.build/debug/facesearch bash tests/web/run.sh
	FACESEARCH_BIN=.build/debug/facesearch bash bench/smoke.sh

## test-web: the web page in headless Chromium against a real server (docs/WEB.md); prints its screenshot folder
.PHONY: test-web
test-web: setup
	bash tests/web/run.sh

## bench-milvus: Milvus's HNSW beside the in-process exact and HNSW indexes at 100,000 and 1,000,000 clustered
## vectors (bench/milvus.sh; SIZES=100000 for the small run only); results in bench/results/milvus
.PHONY: bench-milvus
bench-milvus: build
	FACESEARCH_BIN=$(BIN) bash bench/milvus.sh
	python3 bench/report.py --results bench/results/compare --out docs

## milvus: a real Milvus 2.3.5 (scripts/milvus.sh) for a trial of `facesearch serve --milvus`, in the network namespace
## facesearch-milvus that holds only loopback, with its data in $(FACESEARCH_CACHE)/milvus-data; prints how to serve with it
.PHONY: milvus
milvus:
	@bash scripts/milvus.sh install
	@bash scripts/milvus.sh start "$(MILVUS_DATA)"
	@echo "Milvus answers at 127.0.0.1:19530 inside the network namespace facesearch-milvus only. To serve with it:"
	@echo "  make build"
	@echo "  scripts/milvus.sh exec $(BIN) serve --data $(FACESEARCH_DATA) --milvus 127.0.0.1:19530"
	@echo "and in a second terminal, so that http://127.0.0.1:8080 here reaches that server:"
	@echo "  scripts/milvus.sh forward 8080"
	@echo "(a new gallery's admin key: $(BIN) keys create --name first-admin --scope admin --data $(FACESEARCH_DATA))"
	@echo "make milvus-stop stops Milvus; its data stay in $(MILVUS_DATA)"

## milvus-stop: stops the Milvus of make milvus; the data stay
.PHONY: milvus-stop
milvus-stop:
	@bash scripts/milvus.sh stop

## test-milvus: the Milvus tests against a fresh Milvus on a temporary data folder, in a network namespace of
## their own; Milvus, folder and namespace are removed afterwards (scripts/milvus-tests.sh)
.PHONY: test-milvus
test-milvus: setup
	swift build --build-tests
	bash scripts/milvus-tests.sh

## lint: swift format in strict mode over sources and tests
lint:
	swift format lint --strict --recursive --parallel Package.swift Sources Tests
	bash scripts/lint-web.sh

## format: rewrite sources in place with swift format
format:
	swift format format --in-place --recursive --parallel Package.swift Sources Tests

## bench-pipeline: pipeline throughput on ../shared/datasets/celeba-dev (see docs/BENCHMARKS.md)
bench-pipeline: build
	$(BIN) bench pipeline $(or $(FACESEARCH_DATASETS),../shared/datasets)/celeba-dev --csv bench/results/pipeline.csv

## bench: facesearch beside face_recognition, faiss and hnswlib, then plots, docs/BENCHMARKS.md and docs/QUALITY.md;
## about an hour on a quiet machine (bench/run_all.sh; LOAD=1 adds bench/load/run.sh, 15 min)
.PHONY: bench
bench: build
	FACESEARCH_BIN=$(BIN) bash bench/run_all.sh

## bench-models: the former default pipeline beside YuNet + dlib and YuNet + SFace (also on OpenCV's own layers) on celeba-dev,
## and face_recognition 1.3.0 when bench/peers/setup.sh has built its venv, then the docs (about 10 min, 25 with
## face_recognition; the "Detector and embedder" sections of docs/BENCHMARKS.md and docs/QUALITY.md)
.PHONY: bench-models
bench-models: build
	SECTIONS=pipeline PEERS=auto SETTINGS=hog-cnn,yunet-dlib,yunet-sface,yunet-sface-opencv RESULTS=bench/results/models \
		DOCS=/tmp/facesearch-bench-models-docs FACESEARCH_BIN=$(BIN) bash bench/run_all.sh
	python3 bench/report.py --results bench/results/compare --out docs

## bench-models-service: the service with a dlib and a YuNet + SFace collection, side by side: locust at 10 users
## on celeba-dev's photos in each (bench/load) and the live WebSocket's time per frame (bench/stream); about 20 min
.PHONY: bench-models-service
bench-models-service: build
	FACESEARCH_BIN=$(BIN) bash bench/stream/run.sh
	for embedder in dlib sface; do \
		EMBEDDER=$$embedder TARGET_FACES=2000 USERS=10 SCENARIOS=search DURATION=2m \
			RESULTS=bench/results/models/load-$$embedder \
			FACESEARCH_BIN=$(BIN) bash bench/load/run.sh; \
	done
	python3 bench/report.py --results bench/results/compare --out docs

## test-api: schemathesis against a running debug `facesearch serve` (scripts/schemathesis.sh)
.PHONY: test-api
test-api: setup
	swift build --product facesearch
	bash scripts/schemathesis.sh .build/debug/facesearch

## bench-hnsw: facesearch's HNSW index beside hnswlib, faiss's IndexHNSWFlat and the exact indexes at 100,000 and
## 1,000,000 face-like vectors and on celeba-dev's real descriptors, then the docs (about 45 min; bench/hnsw.sh)
.PHONY: bench-hnsw
bench-hnsw: build
	FACESEARCH_BIN=$(BIN) bash bench/hnsw.sh
	python3 bench/report.py --results bench/results/compare --out docs

## bench-load: locust at 10, 50 and 100 users on a 10,000-face gallery, about 15 min (docs/BENCHMARKS.md)
.PHONY: bench-load
bench-load: build
	FACESEARCH_BIN=$(BIN) bash bench/load/run.sh

clean:
	rm -rf .build
