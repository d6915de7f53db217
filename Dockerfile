# The course image, for Binder (repo2docker builds this Dockerfile as it is) and for `docker build`:
#   docker build -t gokernel-course . && docker run --rm -p 8888:8888 gokernel-course
# JupyterLab opens notebooks/README.md, the course's front page, with the Go kernel installed.
#
# Every step after the Go build is scripts/image-setup.sh, which CI also runs on the host in a temporary prefix
# and HOME (scripts/test.sh, phase "image setup"), ending with the same checks that end this build
# (scripts/image_check.py). CI does not build this image.

# Builder: a static gokernel (the kernel needs no Go toolchain at run time).
FROM golang:1.26.8 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/gokernel .

FROM python:3.12.12-slim
ARG NB_USER=jovyan
ARG NB_UID=1000
ENV USER=${NB_USER} \
    NB_USER=${NB_USER} \
    NB_UID=${NB_UID} \
    HOME=/home/${NB_USER} \
    PATH=/opt/gokernel/bin:${PATH} \
    LANG=C.UTF-8 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN useradd --create-home --uid ${NB_UID} --shell /bin/bash ${NB_USER}
COPY --from=build /out/gokernel /tmp/gokernel
COPY . /tmp/src
RUN bash /tmp/src/scripts/image-setup.sh --prefix /opt/gokernel --home ${HOME} --kernel /tmp/gokernel \
        --owner ${NB_UID} \
    && rm -rf /tmp/src /tmp/gokernel
USER ${NB_USER}
WORKDIR ${HOME}
EXPOSE 8888
CMD ["jupyter-lab", "--ip=0.0.0.0", "--port=8888", "--no-browser"]
