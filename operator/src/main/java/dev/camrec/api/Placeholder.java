package dev.camrec.api;
class Placeholder {}
