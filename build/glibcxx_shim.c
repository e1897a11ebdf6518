/* Provides std::ios_base_library_init() for libLibTorchSharp.so on systems whose libstdc++
 * predates GCC 13 (GLIBCXX_3.4.32). In GCC 13 the function only forces iostream initialisation,
 * which older libstdc++ does unconditionally, so a no-op is exact. Loaded with RTLD_GLOBAL
 * before TorchSharp, and only where the system libstdc++ lacks the version (see TorchRuntime). */
void _ZSt21ios_base_library_initv(void) {}
